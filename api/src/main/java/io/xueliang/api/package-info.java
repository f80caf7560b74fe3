/**
 * Serving people over HTTP: the contract-first API server ({@code http}), its errors as RFC 9457
 * problem details ({@code problem}) and the operations endpoints ({@code ops}).
 */
package io.xueliang.api;
