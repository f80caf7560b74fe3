/**
 * Investigative analyses over the read store as jobs (DESIGN.md §9): {@code POST /analyses/{kind}} starts one,
 * its status and pages of findings are read back by the user who started it, within that user's regions.
 */
package io.xueliang.api.analysis;
