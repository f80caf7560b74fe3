package io.xueliang.server;

import io.xueliang.synth.clip.ClipGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xueliang generate-clip ...}: renders the synthetic road-scene clip the simulator serves. */
@Command(name = "generate-clip", description = "Render a synthetic road-scene clip with plates (needs ffmpeg). "
        + "Options: --out FILE --codec h264|h265 [--seconds S --fps F --gop-seconds G --bitrate B --seed N]")
final class GenerateClipCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "Passed to the generator.")
    String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        ClipGenerator.main(args);
        return 0;
    }
}
