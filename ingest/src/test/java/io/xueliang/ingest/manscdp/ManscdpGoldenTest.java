package io.xueliang.ingest.manscdp;

import static io.xueliang.ingest.manscdp.ManscdpGolden.bytes;
import static io.xueliang.ingest.manscdp.ManscdpGolden.parser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies as Hikvision, Dahua, Uniview and WVP send them, one test per quirk. */
class ManscdpGoldenTest {

    static java.util.List<String> allGolden() {
        return ManscdpGolden.names();
    }

    @ParameterizedTest(name = "{0} parses")
    @MethodSource("allGolden")
    void everyGoldenBodyParses(String name) throws Exception {
        ManscdpMessage m = parser().parse(bytes(name));
        assertThat(m).isNotInstanceOf(UnknownMessage.class);
        assertThat(m.deviceId()).hasSize(20);
    }

    @Test
    void hikvisionKeepaliveInGb2312() throws Exception {
        assertThat(parser().parse(bytes("hikvision_keepalive_gb2312.xml")))
                .isEqualTo(new Keepalive(43, "43032100002000000001", true));
    }

    @Test
    void univiewKeepaliveWithoutStatusIsOk() throws Exception {
        assertThat(parser().parse(bytes("uniview_keepalive_no_status.xml")))
                .isEqualTo(new Keepalive(1907, "43032100002000000002", true));
    }

    @Test
    void dahuaKeepaliveWithLowerCaseDeviceIdAndTrailingNuls() throws Exception {
        assertThat(parser().parse(bytes("dahua_keepalive_lowercase_id_trailing_nul.xml")))
                .isEqualTo(new Keepalive(7, "43032100002000000003", false));
    }

    @Test
    void hikvisionCatalogPartWithGb2312Names() throws Exception {
        CatalogResponse c = (CatalogResponse) parser().parse(bytes("hikvision_catalog_part1_of_3.xml"));
        assertThat(c.sn()).isEqualTo(17);
        assertThat(c.sumNum()).isEqualTo(5);
        assertThat(c.items()).hasSize(2);
        CatalogItem first = c.items().getFirst();
        assertThat(first.name()).isEqualTo("湘潭县易俗河镇卡口");
        assertThat(first.address()).isEqualTo("湘潭县易俗河镇卡口");
        assertThat(first.manufacturer()).isEqualTo("Hikvision");
        assertThat(first.civilCode()).isEqualTo("430321");
        assertThat(first.parental()).hasValue(0);
        assertThat(first.registerWay()).hasValue(1);
        assertThat(first.status()).contains(ChannelStatus.ON);
        assertThat(first.longitude()).hasValue(112.9446);
        assertThat(first.latitude()).hasValue(27.7778);
        assertThat(first.port()).isEmpty();
        assertThat(c.items().get(1).name()).isEqualTo("易俗河大桥东向西");
    }

    @Test
    void hikvision2022InfoPtzTypeOrganisationNodeAndGbkOnlyCharacterInGb2312Body() throws Exception {
        CatalogResponse c = (CatalogResponse) parser().parse(bytes("hikvision_catalog_2022_info_ptztype_gbk_char.xml"));
        CatalogItem group = c.items().get(0);
        assertThat(group.name()).isEqualTo("易俗河镇");
        assertThat(group.businessGroupId()).isEqualTo("43032100002150000001");
        assertThat(group.status()).isEmpty();
        CatalogItem dome = c.items().get(1);
        // 堃 is GBK, not GB2312: decoded as GB18030 it comes out right
        assertThat(dome.name()).isEqualTo("堃鑫广场球机");
        assertThat(dome.status()).contains(ChannelStatus.ON); // ONLINE
        assertThat(dome.ptzType()).hasValue(1);
        assertThat(dome.info()).containsEntry("Resolution", "6/4").containsEntry("DownloadSpeed", "1/2/4");
        assertThat(dome.ipAddress()).isEqualTo("192.168.1.64");
        assertThat(dome.port()).hasValue(5060);
        assertThat(dome.block()).isEqualTo("A");
    }

    @Test
    void wvpDeclaresGb2312ButSendsUtf8() throws Exception {
        byte[] body = bytes("wvp_catalog_declared_gb2312_sent_utf8.xml");
        assertThat(ManscdpCharset.decode(body).charset().name()).isEqualTo("UTF-8");
        CatalogResponse c = (CatalogResponse) parser().parse(body);
        assertThat(c.items().getFirst().name()).isEqualTo("湘潭县易俗河镇卡口");
    }

    @Test
    void dahuaWithoutDeclarationSendsGbk() throws Exception {
        byte[] body = bytes("dahua_catalog_no_declaration_gbk.xml");
        assertThat(ManscdpCharset.decode(body).charset()).isEqualTo(ManscdpCharset.GB18030);
        CatalogResponse c = (CatalogResponse) parser().parse(body);
        assertThat(c.items().getFirst().name()).isEqualTo("湘潭县易俗河镇卡口");
    }

    @Test
    void hikvisionRecordInfoWithMillisecondsAndDahuaStyleSpace() throws Exception {
        RecordInfoResponse r = (RecordInfoResponse) parser().parse(bytes("hikvision_recordinfo_millis.xml"));
        assertThat(r.sumNum()).isEqualTo(2);
        assertThat(r.name()).isEqualTo("湘潭县易俗河镇卡口");
        assertThat(r.items()).hasSize(2);
        RecordItem first = r.items().get(0);
        assertThat(first.startTime()).isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
        assertThat(first.endTime()).isEqualTo(Instant.parse("2026-12-06T16:59:59Z"));
        assertThat(first.fileSize()).isEqualTo(OptionalLong.of(1073741824L));
        assertThat(first.type()).isEqualTo("time");
        assertThat(first.filePath()).isEqualTo("ch01_00000000001000000");
        RecordItem second = r.items().get(1);
        assertThat(second.startTime()).isEqualTo(Instant.parse("2026-12-06T17:00:00Z"));
        assertThat(second.endTime()).isEqualTo(Instant.parse("2026-12-06T17:30:12Z"));
        assertThat(second.type()).isEqualTo("alarm");
        assertThat(second.recorderId()).isEmpty();
        assertThat(second.fileSize()).isEmpty();
    }

    @Test
    void dahuaDeviceInfo() throws Exception {
        assertThat(parser().parse(bytes("dahua_deviceinfo.xml"))).isEqualTo(new DeviceInfoResponse(12,
                "43032100002000000003", "OK", "易俗河NVR", "Dahua", "DH-NVR5432-16P-I", "V4.001.0000000.3.R", OptionalInt.of(32)));
    }

    @Test
    void dahuaDeviceStatusWithSpaceInDeviceTime() throws Exception {
        DeviceStatusResponse s = (DeviceStatusResponse) parser().parse(bytes("dahua_devicestatus_space_time.xml"));
        assertThat(s.isOnline()).isTrue();
        assertThat(s.status()).isEqualTo("OK");
        assertThat(s.encode()).isEqualTo("ON");
        assertThat(s.record()).isEqualTo("OFF");
        assertThat(s.deviceTime()).contains(Instant.parse("2026-12-07T12:15:30Z"));
        assertThat(s.alarmStatus()).containsExactly(new DeviceStatusResponse.AlarmStatus("43032100001340000001", "OFFDUTY"));
    }

    @Test
    void hikvisionMediaStatus121IsPlaybackFinished() throws Exception {
        MediaStatusNotify m = (MediaStatusNotify) parser().parse(bytes("hikvision_mediastatus_121.xml"));
        assertThat(m.playbackFinished()).isTrue();
        assertThat(m.sn()).isEqualTo(211);
    }

    @Test
    void univiewCatalogNotifyEvents() throws Exception {
        CatalogNotify n = (CatalogNotify) parser().parse(bytes("uniview_catalog_notify_events.xml"));
        assertThat(n.changes()).extracting(CatalogNotify.Change::event)
                .containsExactly(CatalogEvent.ADD, CatalogEvent.DEL, CatalogEvent.OFF);
        assertThat(n.changes().getFirst().item().name()).isEqualTo("新增卡口");
        assertThat(n.changes().get(1).item().deviceId()).isEqualTo("43032100001310000006");
    }

    @Test
    void hikvisionAlarm() throws Exception {
        AlarmNotify a = (AlarmNotify) parser().parse(bytes("hikvision_alarm.xml"));
        assertThat(a.alarmPriority()).isEqualTo("1");
        assertThat(a.alarmMethod()).isEqualTo("5");
        assertThat(a.alarmTime()).contains(Instant.parse("2026-12-07T12:15:30Z"));
        assertThat(a.alarmDescription()).isEqualTo("区域入侵");
        assertThat(a.alarmType()).hasValue(2);
    }

    @Test
    void superiorPlatformQueries() throws Exception {
        assertThat(parser().parse(bytes("wvp_query_catalog.xml"))).isEqualTo(new CatalogQuery(445566, "43032100002000000099"));
        assertThat(parser().parse(bytes("wvp_query_deviceinfo.xml"))).isEqualTo(new DeviceInfoQuery(445570, "43032100002000000099"));
        CatalogQuery subscribe = (CatalogQuery) parser().parse(bytes("wvp_subscribe_catalog.xml"));
        assertThat(subscribe.startTime()).contains(Instant.parse("2026-12-06T16:00:00Z"));
        assertThat(subscribe.endTime()).contains(Instant.parse("2026-12-07T16:00:00Z"));
        RecordInfoQuery records = (RecordInfoQuery) parser().parse(bytes("wvp_query_recordinfo.xml"));
        assertThat(records.startTime()).isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
        assertThat(records.endTime()).isEqualTo(Instant.parse("2026-12-07T15:59:59Z"));
        assertThat(records.type()).isEqualTo("all");
        assertThat(records.secrecy()).hasValue(0);
    }

    @Test
    void superiorPlatformPtzControl() throws Exception {
        DeviceControl c = (DeviceControl) parser().parse(bytes("wvp_control_ptz_left.xml"));
        assertThat(c.ptz()).contains(PtzCommand.pan(PtzCommand.Pan.LEFT, 0x80));
        assertThat(c.ptz().orElseThrow().panDirection()).isEqualTo(PtzCommand.Pan.LEFT);
        assertThat(c.otherCommands()).isEmpty();
        assertThat(c.ptz()).isNotEqualTo(Optional.of(PtzCommand.stop()));
    }
}
