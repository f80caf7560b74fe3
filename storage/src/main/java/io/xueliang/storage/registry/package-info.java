/**
 * The camera registry: every camera of the deployment, from the configuration file and from the
 * API, in the embedded store, with source passwords sealed at rest.
 */
package io.xueliang.storage.registry;
