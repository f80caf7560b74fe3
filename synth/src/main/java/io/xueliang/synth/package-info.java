/**
 * Synthetic road scenes with rendered licence plates: the project's own source of test and demo video.
 */
package io.xueliang.synth;
