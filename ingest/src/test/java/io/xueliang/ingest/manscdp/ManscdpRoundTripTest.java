package io.xueliang.ingest.manscdp;

import static io.xueliang.ingest.manscdp.ManscdpGolden.ZONE;
import static io.xueliang.ingest.manscdp.ManscdpGolden.parser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link ManscdpWriter} writes, {@link ManscdpParser} reads back as the same record, in both encodings. */
class ManscdpRoundTripTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:15:30Z");
    private static final Instant T1 = Instant.parse("2026-12-07T13:00:00Z");
    private static final String DEVICE = "43032100002000000001";

    static CatalogItem channel(int n) {
        return CatalogItem.builder(String.format("430321000013%08d", n))
                .name("湘潭县易俗河镇卡口" + n).manufacturer("xueliang").model("GB-PROXY").owner("Owner")
                .civilCode("430321").block("").address("湘潭县易俗河镇 <&> \"东\" '口' " + n).parental(0).parentId(DEVICE)
                .safetyWay(0).registerWay(1).secrecy(0).status(n % 7 == 0 ? ChannelStatus.OFF : ChannelStatus.ON)
                .longitude(112.9446 + n / 1e6).latitude(27.7778).info("PTZType", "3").build();
    }

    static Stream<ManscdpMessage> messages() {
        CatalogItem full = CatalogItem.builder("43032100001320000001").name("堃鑫广场球机 𠀀").manufacturer("Hikvision")
                .model("DS-2DE4425IW").owner("Owner").civilCode("430321").block("A").address("堃鑫广场").parental(0)
                .parentId(DEVICE).safetyWay(0).registerWay(1).secrecy(0).ipAddress("192.168.1.64").port(5060)
                .status(ChannelStatus.ON).longitude(-0.5).latitude(1e-7).businessGroupId("43032100002150000001")
                .info("PTZType", "1").info("Resolution", "6/4").build();
        RecordItem record = new RecordItem("43032100001310000001", "卡口", "ch01_0001", "Address 1", T0, T1,
                OptionalInt.of(0), "time", "43032100001310000001", OptionalLong.of(123456789L));
        RecordItem bare = new RecordItem("43032100001310000001", "", "", "", T0, T1, OptionalInt.empty(), "", "", OptionalLong.empty());
        return Stream.of(
                new Keepalive(1, DEVICE, true),
                new Keepalive(2, DEVICE, false),
                new CatalogResponse(3, DEVICE, 2, List.of(full, channel(1))),
                new CatalogResponse(4, DEVICE, 0, List.of()),
                new CatalogNotify(5, DEVICE, 2, List.of(new CatalogNotify.Change(CatalogEvent.ADD, full),
                        new CatalogNotify.Change(CatalogEvent.DEL, CatalogItem.builder("43032100001310000009").build()))),
                new DeviceInfoResponse(6, DEVICE, "OK", "xueliang", "xueliang", "server", "0.1.0", OptionalInt.of(10000)),
                new DeviceStatusResponse(7, DEVICE, "OK", "ONLINE", "OK", "ON", "ON", Optional.of(T0),
                        List.of(new DeviceStatusResponse.AlarmStatus("43032100001340000001", "ONDUTY"))),
                new RecordInfoResponse(8, DEVICE, "卡口", 2, List.of(record, bare)),
                new MediaStatusNotify(9, DEVICE, 121),
                new AlarmNotify(10, DEVICE, "1", "5", Optional.of(T0), "区域入侵", OptionalDouble.of(112.9), OptionalDouble.of(27.7),
                        OptionalInt.of(2)),
                new DeviceControlResponse(11, DEVICE, "OK"),
                new CatalogQuery(12, DEVICE),
                new CatalogQuery(13, DEVICE, Optional.of(T0), Optional.of(T1)),
                new DeviceInfoQuery(14, DEVICE),
                new DeviceStatusQuery(15, DEVICE),
                new RecordInfoQuery(16, DEVICE, T0, T1, "all"),
                new RecordInfoQuery(17, DEVICE, T0, T1, "ch01", "Address", OptionalInt.of(0), "alarm", "43032100001310000001"),
                DeviceControl.ptz(18, DEVICE, PtzCommand.move(PtzCommand.Pan.RIGHT, PtzCommand.Tilt.UP, PtzCommand.Zoom.IN, 100, 50, 7)),
                DeviceControl.ptz(19, DEVICE, PtzCommand.presetCall(3)),
                new DeviceControl(20, DEVICE, Optional.empty(), Map.of("RecordCmd", "Record")),
                new UnknownMessage(ManscdpRoot.QUERY, "PresetQuery", 21, DEVICE),
                new Keepalive(4_294_967_295L, DEVICE, true));
    }

    static Stream<Arguments> messagesInEachEncoding() {
        return messages().flatMap(m -> Stream.of(Arguments.of(m, BodyEncoding.GB2312_AS_GB18030), Arguments.of(m, BodyEncoding.UTF_8)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("messagesInEachEncoding")
    void whatWeWriteWeReadBackIdentically(ManscdpMessage message, BodyEncoding encoding) throws Exception {
        byte[] body = new ManscdpWriter(ZONE, encoding).write(message);
        assertThat(new String(body, encoding.charset())).startsWith("<?xml version=\"1.0\" encoding=\"" + encoding.declared() + "\"?>");
        assertThat(parser().parse(body)).isEqualTo(message);
    }

    @Test
    void byDefaultBodiesDeclareGb2312AndAreGb18030() {
        byte[] body = new ManscdpWriter(ZONE).write(new DeviceInfoResponse(1, DEVICE, "OK", "堃鑫", "", "", "", OptionalInt.empty()));
        assertThat(new String(body, StandardCharsets.US_ASCII)).startsWith("<?xml version=\"1.0\" encoding=\"GB2312\"?>\r\n<Response>");
        assertThat(body).containsSequence("堃鑫".getBytes(ManscdpCharset.GB18030));
    }

    @Test
    void gb2312BodyIsGb18030BytesAndUtf8BodyIsUtf8Bytes() {
        ManscdpMessage m = new CatalogResponse(1, DEVICE, 1, List.of(CatalogItem.builder("43032100001310000001").name("湘潭县").build()));
        byte[] gb = new ManscdpWriter(ZONE, BodyEncoding.GB2312_AS_GB18030).write(m);
        byte[] utf8 = new ManscdpWriter(ZONE, BodyEncoding.UTF_8).write(m);
        assertThat(gb).containsSequence("湘潭县".getBytes(ManscdpCharset.GB18030));
        assertThat(utf8).containsSequence("湘潭县".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textIsEscapedAndCharactersXmlCannotHoldAreDropped() throws Exception {
        ManscdpMessage m = new DeviceInfoResponse(1, DEVICE, "OK", "a<b>&c\"d'e\u0001f\uD800g", "", "", "", OptionalInt.empty());
        byte[] body = new ManscdpWriter(ZONE, BodyEncoding.UTF_8).write(m);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("<DeviceName>a&lt;b&gt;&amp;c&quot;d&apos;efg</DeviceName>");
        assertThat(((DeviceInfoResponse) parser().parse(body)).deviceName()).isEqualTo("a<b>&c\"d'efg");
    }

    @ParameterizedTest(name = "{0}: 10,000 items, each message at most {1} bytes")
    @MethodSource("budgets")
    void cascadeCatalogOfTenThousandSplitsUnderTheBudgetAndReadsBackWhole(BodyEncoding encoding, int maxBytes, int maxItems)
            throws Exception {
        List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            items.add(channel(i));
        }
        List<byte[]> bodies = new ManscdpWriter(ZONE, encoding).catalogResponses(99, DEVICE, items, maxBytes, maxItems);
        List<CatalogItem> back = new ArrayList<>();
        Set<Long> sns = new LinkedHashSet<>();
        for (byte[] body : bodies) {
            assertThat(body.length).isLessThanOrEqualTo(maxBytes);
            CatalogResponse r = (CatalogResponse) parser().parse(body);
            assertThat(r.sumNum()).isEqualTo(10_000);
            assertThat(r.items()).isNotEmpty().hasSizeLessThanOrEqualTo(maxItems);
            assertThat(new String(body, encoding.charset())).contains("<DeviceList Num=\"" + r.items().size() + "\">");
            sns.add(r.sn());
            back.addAll(r.items());
        }
        assertThat(sns).containsExactly(99L);
        assertThat(back).isEqualTo(items);
        // the budget is used, not wasted: all but the last message could not take the next item
        assertThat(bodies.size()).isLessThan(10_000 * 2 * 700 / maxBytes + 10_000 / maxItems + 2);
    }

    static Stream<Arguments> budgets() {
        return Stream.of(
                Arguments.of(BodyEncoding.GB2312_AS_GB18030, ManscdpWriter.UDP_MAX_BODY_BYTES, 100),
                Arguments.of(BodyEncoding.GB2312_AS_GB18030, ManscdpWriter.TCP_MAX_BODY_BYTES, 100),
                Arguments.of(BodyEncoding.UTF_8, ManscdpWriter.TCP_MAX_BODY_BYTES, 100),
                Arguments.of(BodyEncoding.GB2312_AS_GB18030, ManscdpWriter.TCP_MAX_BODY_BYTES, 5));
    }

    @Test
    void anItemLargerThanTheBudgetGoesAloneAndAnEmptyCatalogIsOneMessage() throws Exception {
        ManscdpWriter writer = new ManscdpWriter(ZONE, BodyEncoding.GB2312_AS_GB18030);
        CatalogItem big = CatalogItem.builder("43032100001310000001").address("长".repeat(600)).build();
        List<byte[]> bodies = writer.catalogResponses(1, DEVICE, List.of(channel(1), big, channel(2)), 800, 10);
        assertThat(bodies).hasSize(3);
        assertThat(((CatalogResponse) parser().parse(bodies.get(1))).items()).containsExactly(big);
        List<byte[]> empty = writer.catalogResponses(2, DEVICE, List.of(), 800, 10);
        assertThat(empty).hasSize(1);
        assertThat(parser().parse(empty.getFirst())).isEqualTo(new CatalogResponse(2, DEVICE, 0, List.of()));
    }

    @Test
    void recordListSplitsLikeACatalog() throws Exception {
        List<RecordItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(new RecordItem("43032100001310000001", "卡口", "f" + i, "", T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * i + 3599),
                    OptionalInt.of(0), "time", "", OptionalLong.empty()));
        }
        List<byte[]> bodies = new ManscdpWriter(ZONE, BodyEncoding.GB2312_AS_GB18030)
                .recordInfoResponses(5, "43032100001310000001", "卡口", items, 2048, 50);
        List<RecordItem> back = new ArrayList<>();
        for (byte[] b : bodies) {
            assertThat(b.length).isLessThanOrEqualTo(2048);
            RecordInfoResponse r = (RecordInfoResponse) parser().parse(b);
            assertThat(r.sumNum()).isEqualTo(100);
            back.addAll(r.items());
        }
        assertThat(back).isEqualTo(items);
    }
}
