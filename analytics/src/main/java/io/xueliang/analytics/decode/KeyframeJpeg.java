package io.xueliang.analytics.decode;

import io.xueliang.analytics.plate.PlatePassPublisher;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.KeyframePictures;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KeyframePictures} with FFmpeg: a decoder of its own for each picture (a snapshot is rare and a keyframe is
 * all it needs), released at once.
 */
public final class KeyframeJpeg implements KeyframePictures {
    /** JPEG quality of snapshots: a wall tile, not evidence. */
    static final float QUALITY = 0.8f;

    @Override
    public byte[] jpeg(AccessUnit keyframe, int maxWidth) {
        if (!keyframe.isVideo() || !keyframe.isKeyframe()) {
            throw new IllegalArgumentException("a snapshot is decoded from a video keyframe");
        }
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults().withMaxWidth(maxWidth))) {
            List<DecodedFrame> frames = new ArrayList<>(decoder.decode(keyframe, pts -> true));
            frames.addAll(decoder.flush(pts -> true));
            if (frames.isEmpty()) {
                throw new IllegalArgumentException("the keyframe decoded to no picture");
            }
            return PlatePassPublisher.jpeg(frames.getFirst().image(), QUALITY);
        }
    }
}
