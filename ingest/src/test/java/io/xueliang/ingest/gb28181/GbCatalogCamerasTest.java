package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Location;
import io.xueliang.ingest.manscdp.CatalogItem;
import io.xueliang.media.Camera;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class GbCatalogCamerasTest {
    private static final String NVR = "43032100001180000001";
    private final GbCatalogCameras cameras = new GbCatalogCameras("4303210000", List.of("湘潭县"),
            CameraDefaults.defaults());

    @Test
    void channelsAreTheCamerasOfTheCatalogInTheRegionsItsCivilCodesName() {
        List<CatalogItem> catalog = List.of(
                CatalogItem.builder("43").name("湖南省").build(),
                CatalogItem.builder("430321").name("湘潭县").build(),
                CatalogItem.builder("43032101").name("易俗河镇").build(),
                CatalogItem.builder("43032100002150000001").name("治安卡口").build(), // business group
                CatalogItem.builder(NVR).name("易俗河 NVR").build(),
                CatalogItem.builder("43032100001310000001").name("易俗河/东门").civilCode("43032101")
                        .longitude(112.95).latitude(27.78).build(),
                CatalogItem.builder("43032100001320000002").name("西门").civilCode("430321")
                        .longitude(0).latitude(0).build(),
                CatalogItem.builder("43032100001210000003").name("").civilCode("43032299").build(),
                CatalogItem.builder("43032100001340000001").name("报警输入").build(), // alarm input
                CatalogItem.builder("43032100001310000001").name("repeated").build());

        List<Camera> channels = cameras.cameras(NVR, catalog);

        assertThat(channels).extracting(c -> c.id().value()).containsExactly("43032100001310000001",
                "43032100001320000002", "43032100001210000003");
        Camera east = channels.get(0);
        assertThat(east.name()).as("a '/' would split the region path").isEqualTo("易俗河／东门");
        assertThat(east.region()).containsExactly("湘潭县", "易俗河镇");
        assertThat(east.location()).isEqualTo(new Location(27.78, 112.95));
        assertThat(east.source()).isEqualTo(URI.create("gb28181:" + NVR + "/43032100001310000001"));
        assertThat(GbChannelAddress.of(east.source())).contains(new GbChannelAddress(NVR, "43032100001310000001"));
        assertThat(channels.get(1).region()).as("the platform's own county adds nothing").containsExactly("湘潭县");
        assertThat(channels.get(1).location()).as("0,0 is an unset position").isNull();
        assertThat(channels.get(2).region()).as("another county's code").containsExactly("湘潭县");
        assertThat(channels.get(2).name()).as("no name: the id").isEqualTo("43032100001210000003");
        assertThat(east.record()).isEqualTo(CameraDefaults.defaults().record());
    }

    @Test
    void anIpcListingItselfIsItsOwnChannel() {
        String ipc = "43032100001110000009";
        assertThat(cameras.cameras(ipc, List.of(CatalogItem.builder(ipc).name("IPC").build())))
                .extracting(Camera::name).containsExactly("IPC");
    }

    @Test
    void malformedSourcesAreNoChannelAddress() {
        for (String s : new String[] {"rtsp://10.0.0.1/1", "gb28181:1/2", "gb28181:" + NVR, "gb28181://" + NVR + "/"
                + NVR, "gb28181:" + NVR + "/" + NVR + "/x"}) {
            assertThat(GbChannelAddress.of(URI.create(s))).as(s).isEmpty();
        }
    }
}
