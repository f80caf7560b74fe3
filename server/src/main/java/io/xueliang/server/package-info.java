/**
 * The composition root: main, command line, wiring and lifecycle.
 */
package io.xueliang.server;
