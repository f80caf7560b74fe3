/**
 * What investigators ask of plate reads (DESIGN.md §9): the read store and what is built on it. Depends on media's
 * {@code PlateRead} and the embedded database only; the API and the server reach it through its interfaces.
 */
package io.xueliang.reads;
