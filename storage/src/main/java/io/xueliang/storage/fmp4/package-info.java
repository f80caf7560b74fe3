/**
 * Recording to fragmented MP4 (ISO/IEC 14496-12, CMAF-compatible; sample entries per ISO/IEC 14496-15 and 14496-14):
 * one segment file is an init segment (ftyp+moov) followed by prft+moof+mdat fragments of at most one GOP or 1 s,
 * written from access units as they come, never decoded. Also reads such files back fragment by fragment, from a local
 * file or any other {@link io.xueliang.storage.fmp4.SegmentSource} (a blob store), and repairs
 * a file a crash left open by cutting it after its last complete fragment.
 */
package io.xueliang.storage.fmp4;
