package io.xueliang.media;

/**
 * Decodes one video keyframe into a JPEG picture: a camera's snapshot, and the tile of a browser that cannot play the
 * camera's codec. Implemented where decoding lives ({@code analytics}), wired in by the server, so that the API serves
 * pictures without depending on a decoder.
 */
public interface KeyframePictures {
    /**
     * @param keyframe a video keyframe with its stream's parameter sets
     * @param maxWidth pictures wider than this are scaled down to it, keeping the aspect ratio
     * @return the picture as a baseline JPEG
     * @throws IllegalArgumentException when the unit is not a video keyframe or decodes to no picture
     */
    byte[] jpeg(AccessUnit keyframe, int maxWidth);
}
