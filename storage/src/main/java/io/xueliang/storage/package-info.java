/**
 * Keeping things: recording, index, retention, blob stores, read store and evidence export. Work begins with issue 4.
 */
package io.xueliang.storage;
