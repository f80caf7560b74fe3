/**
 * Plate reads over HTTP (DESIGN.md §5, §9): search, one read and its images, a plate's trajectory as JSON or GeoJSON
 * (RFC 7946). Region scopes reach the store as the set of cameras the caller may see; purpose and audit as §10 asks.
 */
package io.xueliang.api.reads;
