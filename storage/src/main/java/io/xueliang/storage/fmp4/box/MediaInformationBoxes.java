package io.xueliang.storage.fmp4.box;

import java.nio.charset.StandardCharsets;

/**
 * The boxes every track's {@code mdia} holds between its {@code mdhd} and its {@code stbl} (ISO/IEC 14496-12 §8.4.3,
 * §8.4.4, §12.1.2, §12.2.2, §8.7.1): the handler, then {@code minf} opened with the video or sound media header and
 * a data reference to this file. Written the same by recording's init segments and by playback and export.
 */
public final class MediaInformationBoxes {
    private MediaInformationBoxes() {
    }

    /**
     * Writes {@code hdlr}, opens {@code minf} and writes {@code vmhd}/{@code smhd} and {@code dinf} into it.
     *
     * @param handler the handler type, {@code vide} or {@code soun}
     * @return the open {@code minf}, for the caller to add {@code stbl} and {@link BoxWriter#end} it
     */
    public static int handlerAndMediaInformation(BoxWriter w, boolean video, String handler) {
        int hdlr = w.startFull("hdlr", 0, 0);
        w.u32(0).fourcc(handler).zeros(12);
        w.bytes((video ? "VideoHandler\0" : "SoundHandler\0").getBytes(StandardCharsets.US_ASCII));
        w.end(hdlr);

        int minf = w.start("minf");
        if (video) {
            int vmhd = w.startFull("vmhd", 0, 1);
            w.zeros(8); // graphicsmode, opcolor
            w.end(vmhd);
        } else {
            int smhd = w.startFull("smhd", 0, 0);
            w.zeros(4); // balance, reserved
            w.end(smhd);
        }
        int dinf = w.start("dinf");
        int dref = w.startFull("dref", 0, 0);
        w.u32(1);
        int url = w.startFull("url ", 0, 1); // media data in this file
        w.end(url);
        w.end(dref);
        w.end(dinf);
        return minf;
    }
}
