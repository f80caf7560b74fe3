/**
 * The ISO base media file format box layer (ISO/IEC 14496-12 §4.2): writing boxes with their sizes patched in
 * afterwards, and reading box headers with every size checked against what is actually there.
 */
package io.xueliang.storage.fmp4.box;
