/**
 * Serving people over HTTP: operations endpoints now, the full API, auth and audit from issue 3.
 */
package io.xueliang.api;
