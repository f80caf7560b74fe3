/**
 * Plate searches beyond the store's exact, wildcard and partial patterns: fuzzy search, which finds the plates a
 * misread or a witness's slip makes of a plate (confusable characters, the province, a character missing or extra),
 * ranked by a weighted edit distance.
 */
package io.xueliang.reads.search;
