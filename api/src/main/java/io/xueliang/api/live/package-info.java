/**
 * Live video for command-centre walls: a camera's access units, repackaged as fragmented MP4 without decoding, over a
 * WebSocket for Media Source Extensions. One {@link io.xueliang.api.live.LiveChannel} a watched camera reads the
 * camera's hub once for all its viewers and keeps the current GOP, so that a new viewer starts at the latest keyframe.
 */
package io.xueliang.api.live;
