/** Video wall layouts users saved, in the embedded store. */
package io.xueliang.storage.wall;
