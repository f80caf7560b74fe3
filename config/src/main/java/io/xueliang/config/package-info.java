/**
 * Typed, immutable configuration records and their YAML loading and validation.
 */
package io.xueliang.config;
