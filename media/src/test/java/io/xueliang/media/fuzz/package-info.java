/**
 * Fuzzing of the wire parsers: a Jazzer campaign around a fuzz target, for every module's fuzz tests.
 */
package io.xueliang.media.fuzz;
