package io.xueliang.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.xueliang.config.ConfigException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins every validation message, word for word (mediamtx TestConfErrors). */
class ConfigErrorsTest {
    private static final Map<String, String> ENV = Map.of("CAM_PASS", "s3cret", "EMPTY", "");
    private static final String CAMERA_KEYS =
            "id, name, region, location, source, substream, transport, record, live, plates, enabled, direction, auth";

    static Stream<Arguments> cases() {
        return Stream.of(
                // document
                arguments("- a\n", "t.yaml:1: expected a mapping of the keys http, storage, recording, ingest,"
                        + " plates, cameraDefaults, cameras, audit, exports, reads and gb28181 at the top level, got a list"),
                arguments("hello\n", "t.yaml:1: expected a mapping of the keys http, storage, recording, ingest,"
                        + " plates, cameraDefaults, cameras, audit, exports, reads and gb28181 at the top level, got a scalar"),
                arguments("htp: {}\n", "t.yaml:1: htp: unknown key; known keys: http, storage, recording, ingest,"
                        + " plates, cameraDefaults, cameras, audit, exports, reads, gb28181"),
                arguments("? [a]\n: 1\n", "t.yaml:1: keys must be scalars, got a list"),
                arguments("http:\n  port: 1\n  port: 2\n", "t.yaml:3: http.port: duplicate key (first at line 2)"),
                arguments("http: {port: 1\n", "t.yaml:2: invalid YAML: while parsing a flow mapping,"
                        + " expected ',' or '}', but got <stream end>"),
                arguments("a: 1\n---\nb: 2\n", "t.yaml:2: invalid YAML: expected a single document in the stream,"
                        + " but found another document"),
                arguments("http: *x\n", "t.yaml:1: invalid YAML: found undefined alias x"),
                arguments("a: &a [x]\nb: [" + "*a, ".repeat(51) + "]\n", "t.yaml: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50"),
                arguments("cameras: &c [*c]\n", "t.yaml:1: cameras[0]: expected a mapping, got a list"),
                // gb28181
                arguments("gb28181: {domain: '4303210000', password: pw}\n",
                        "t.yaml:1: gb28181.serverId: required key is missing"),
                arguments("gb28181: {serverId: '4303210000200000001', domain: '4303210000', password: pw}\n",
                        "t.yaml:1: gb28181.serverId: must be 20 digits (a GB/T 28181 code), got 4303210000200000001"),
                arguments("gb28181: {serverId: '43032100002000000001', domain: '430321', password: pw}\n",
                        "t.yaml:1: gb28181.domain: must be 10 digits (a GB/T 28181 domain), got 430321"),
                arguments("gb28181: {serverId: '43032100002000000001', domain: '4303210000', password: ''}\n",
                        "t.yaml:1: gb28181.password: must be 1-64 characters"),
                arguments("gb28181: {serverId: '43032100002000000001', domain: '4303210000', password: pw,"
                        + " mediaPortFirst: 40000, mediaPortLast: 39999}\n",
                        "t.yaml:1: gb28181.mediaPortLast: must be between 40000 and 65535, got 39999"),
                arguments("gb28181: {serverId: '43032100002000000001', domain: '4303210000', password: pw,"
                        + " announceAddress: sip.local}\n",
                        "t.yaml:1: gb28181.announceAddress: must be an IPv4 address such as 10.0.0.2, got sip.local"),
                arguments("gb28181: {serverId: '43032100002000000001', domain: '4303210000', password: pw,"
                        + " keepaliveInterval: 1s}\n",
                        "t.yaml:1: gb28181.keepaliveInterval: must be between 5s and 10m, got 1s"),
                arguments("gb28181:\n  serverId: '43032100002000000001'\n  domain: '4303210000'\n  password: pw\n"
                        + "  superiors:\n    - {id: '43010000002000000001', domain: '4301000000', host: 10.1.0.1,"
                        + " password: pw, transport: auto}\n",
                        "t.yaml:6: gb28181.superiors[0].transport: must be udp or tcp"),
                arguments("gb28181:\n  serverId: '43032100002000000001'\n  domain: '4303210000'\n  password: pw\n"
                        + "  superiors:\n    - {id: '43010000002000000001', domain: '4301000000', host: 10.1.0.1,"
                        + " password: pw, share: ['/湘潭县']}\n",
                        "t.yaml:6: gb28181.superiors[0].share[0]: must be a region path such as 湘潭县/易俗河镇, got /湘潭县"),
                // http
                arguments("http: 8080\n", "t.yaml:1: http: expected a mapping, got a scalar"),
                arguments("http: {prot: 1}\n", "t.yaml:1: http.prot: unknown key; known keys: port, metricsToken,"
                        + " maxBodyBytes, maxHeaderBytes, maxRequestLineBytes, tlsCertificate, tlsKey, trustedProxies,"
                        + " maxConnections, maxConnectionsPerAddress, headerTimeout, idleTimeout, tokenRequestsPerSecond,"
                        + " tokenRequestBurst, ticketLifetime, mapTiles, mapAttribution"),
                arguments("http: {trustedProxies: 10.0.0.1}\n", "t.yaml:1: http.trustedProxies: expected a list, got a scalar"),
                arguments("http: {trustedProxies: [proxy.local]}\n", "t.yaml:1: http.trustedProxies[0]: expected an IP"
                        + " address or block such as 10.0.0.0/8 or fd00::/8, got 'proxy.local'"),
                arguments("http: {trustedProxies: [10.0.0.1, cafe]}\n",
                        "t.yaml:1: http.trustedProxies[1]: 'cafe' is not an IP address (dotted IPv4 or IPv6)"),
                arguments("http: {trustedProxies: [10.0.0.0/33]}\n",
                        "t.yaml:1: http.trustedProxies[0]: the prefix length of '10.0.0.0/33' must be 0 to 32"),
                arguments("http: {trustedProxies: ['/8']}\n",
                        "t.yaml:1: http.trustedProxies[0]: '/8' is not an IP address (dotted IPv4 or IPv6)"),
                arguments("http: {trustedProxies: [10.0.0.256]}\n",
                        "t.yaml:1: http.trustedProxies[0]: '10.0.0.256' is not an IP address"),
                arguments("http: {maxConnections: 15}\n", "t.yaml:1: http.maxConnections: must be between 16 and 1000000, got 15"),
                arguments("http: {maxConnections: 100, maxConnectionsPerAddress: 101}\n",
                        "t.yaml:1: http.maxConnectionsPerAddress: must be between 1 and 100, got 101"),
                arguments("http: {headerTimeout: 10}\n", "t.yaml:1: http.headerTimeout: a duration needs a unit, e.g. '10s' (units: ms, s, m, h), got '10'"),
                arguments("http: {headerTimeout: 500ms}\n", "t.yaml:1: http.headerTimeout: must be between 1s and 5m, got 500ms"),
                arguments("http: {idleTimeout: 2h}\n", "t.yaml:1: http.idleTimeout: must be between 1s and 1h, got 2h"),
                arguments("http: {tokenRequestsPerSecond: 0}\n", "t.yaml:1: http.tokenRequestsPerSecond: must be between 1 and 100000, got 0"),
                arguments("http: {tokenRequestBurst: 0}\n", "t.yaml:1: http.tokenRequestBurst: must be between 1 and 1000000, got 0"),
                arguments("http: {ticketLifetime: 13h}\n", "t.yaml:1: http.ticketLifetime: must be between 10s and 12h, got 13h"),
                arguments("http: {mapTiles: 'https://tiles.example/{z}/{x}.png'}\n", "t.yaml:1: http.mapTiles: must"
                        + " contain {y} (an XYZ tile URL such as https://tiles.example/{z}/{x}/{y}.png)"),
                arguments("http: {mapTiles: 'ftp://tiles.example/{z}/{x}/{y}.png'}\n",
                        "t.yaml:1: http.mapTiles: must be an http or https URL"),
                arguments("http: {mapTiles: 'javascript:alert(1)//{z}{x}{y}'}\n",
                        "t.yaml:1: http.mapTiles: must be an http or https URL"),
                arguments("http: {mapTiles: 'https://{z}.tiles.example/{x}/{y}.png'}\n", "t.yaml:1: http.mapTiles:"
                        + " {z}, {x} and {y} go in the path or query, not the host (the UI may load pictures from one"
                        + " origin)"),
                arguments("http: {mapTiles: 'https://user:pw@tiles.example/{z}/{x}/{y}.png'}\n",
                        "t.yaml:1: http.mapTiles: must name a host, with no user name, password or #fragment"),
                arguments("http: {mapAttribution: '" + "x".repeat(201) + "'}\n",
                        "t.yaml:1: http.mapAttribution: must be one line of 1-200 characters; leave the key out for none"),
                arguments("http: {port: abc}\n", "t.yaml:1: http.port: expected an integer, got 'abc'"),
                arguments("http: {port: 1.5}\n", "t.yaml:1: http.port: expected an integer, got '1.5'"),
                arguments("http: {port: [1]}\n", "t.yaml:1: http.port: expected an integer, got a list"),
                arguments("http: {port: 99999999999}\n", "t.yaml:1: http.port: integer out of range, got '99999999999'"),
                arguments("http: {port: 65536}\n", "t.yaml:1: http.port: must be between 0 and 65535, got 65536"),
                arguments("http: {port: -1}\n", "t.yaml:1: http.port: must be between 0 and 65535, got -1"),
                arguments("http: {metricsToken: ''}\n",
                        "t.yaml:1: http.metricsToken: must not be empty; leave the key out for no token"),
                arguments("http: {metricsToken: '${EMPTY}'}\n",
                        "t.yaml:1: http.metricsToken: must not be empty; leave the key out for no token"),
                arguments("http: {maxBodyBytes: 1023}\n", "t.yaml:1: http.maxBodyBytes: must be between 1024 and 1073741824, got 1023"),
                arguments("http: {maxHeaderBytes: 1048577}\n", "t.yaml:1: http.maxHeaderBytes: must be between 1024 and 1048576, got 1048577"),
                arguments("http: {maxRequestLineBytes: 255}\n", "t.yaml:1: http.maxRequestLineBytes: must be between 256 and 1048576, got 255"),
                arguments("http: {tlsCertificate: cert.pem}\n",
                        "t.yaml:1: http.tlsKey: must be set when tlsCertificate is set (HTTPS needs both PEM files)"),
                arguments("http: {tlsKey: key.pem}\n",
                        "t.yaml:1: http.tlsCertificate: must be set when tlsKey is set (HTTPS needs both PEM files)"),
                arguments("http: {tlsCertificate: '', tlsKey: key.pem}\n",
                        "t.yaml:1: http.tlsCertificate: must not be empty; leave the key out for plain HTTP"),
                arguments("http: {tlsCertificate: cert.pem, tlsKey: '${EMPTY}'}\n",
                        "t.yaml:1: http.tlsKey: must not be empty; leave the key out for plain HTTP"),
                // storage
                arguments("storage: {root: ''}\n", "t.yaml:1: storage.root: must not be empty"),
                arguments("storage: {root: \"a\\0b\"}\n",
                        "t.yaml:1: storage.root: not a valid path: Nul character not allowed"),
                arguments("storage: {roots: x}\n",
                        "t.yaml:1: storage.roots: unknown key; known keys: root, blob, s3, reserveMiB"),
                arguments("storage: {reserveMiB: -1}\n",
                        "t.yaml:1: storage.reserveMiB: must be between 0 and 65536, got -1"),
                arguments("storage: {blob: gcs}\n", "t.yaml:1: storage.blob: expected local or s3, got 'gcs'"),
                arguments("storage: {blob: S3}\n", "t.yaml:1: storage.blob: expected local or s3, got 'S3'"),
                arguments("storage: {blob: s3}\n", "t.yaml:1: storage.s3.endpoint: must be set when blob is s3"),
                arguments("storage:\n  blob: s3\n  s3:\n    endpoint: http://minio:9000\n",
                        "t.yaml:3: storage.s3.bucket: must be set when blob is s3"),
                arguments("storage:\n  blob: s3\n  s3: {endpoint: 'http://minio:9000', bucket: video}\n",
                        "t.yaml:3: storage.s3.accessKey: must be set when blob is s3"),
                arguments("storage:\n  blob: s3\n  s3: {endpoint: 'http://minio:9000', bucket: video, accessKey: k}\n",
                        "t.yaml:3: storage.s3.secretKey: must be set when blob is s3"),
                arguments("storage: {s3: {endpoint: 'ftp://minio/'}}\n",
                        "t.yaml:1: storage.s3.endpoint: must be an http:// or https:// URI, got scheme 'ftp'"),
                arguments("storage: {s3: {endpoint: 'minio:9000'}}\n",
                        "t.yaml:1: storage.s3.endpoint: must be an http:// or https:// URI, got scheme 'minio'"),
                arguments("storage: {s3: {endpoint: '/minio'}}\n",
                        "t.yaml:1: storage.s3.endpoint: must be an http:// or https:// URI, got no scheme"),
                arguments("storage: {s3: {endpoint: 'http:///'}}\n", "t.yaml:1: storage.s3.endpoint: must have a host"),
                arguments("storage: {s3: {endpoint: 'http://key:${CAM_PASS}@minio:9000'}}\n",
                        "t.yaml:1: storage.s3.endpoint: must not hold credentials; use accessKey and secretKey"),
                arguments("storage: {s3: {endpoint: 'http://minio:9000/video'}}\n", "t.yaml:1: storage.s3.endpoint:"
                        + " must be the server's root URL, without path, query or fragment (the bucket is a key of its own)"),
                arguments("storage: {s3: {endpoint: 'http://minio:9000/?x=1'}}\n", "t.yaml:1: storage.s3.endpoint:"
                        + " must be the server's root URL, without path, query or fragment (the bucket is a key of its own)"),
                arguments("storage: {s3: {endpoint: 'http://mi nio'}}\n",
                        "t.yaml:1: storage.s3.endpoint: not a valid URI: Illegal character in authority at index 9"),
                arguments("storage: {s3: {region: ''}}\n",
                        "t.yaml:1: storage.s3.region: must be 1-64 letters, digits, '-' or '_', got ''"),
                arguments("storage: {s3: {region: 'us east'}}\n",
                        "t.yaml:1: storage.s3.region: must be 1-64 letters, digits, '-' or '_', got 'us east'"),
                arguments("storage: {s3: {bucket: Video_Archive}}\n", "t.yaml:1: storage.s3.bucket: must be 3-63"
                        + " lowercase letters, digits, '.' or '-', starting and ending with a letter or digit,"
                        + " got 'Video_Archive'"),
                arguments("storage: {s3: {bucket: ab}}\n", "t.yaml:1: storage.s3.bucket: must be 3-63"
                        + " lowercase letters, digits, '.' or '-', starting and ending with a letter or digit, got 'ab'"),
                arguments("storage: {s3: {bucket: video-}}\n", "t.yaml:1: storage.s3.bucket: must be 3-63"
                        + " lowercase letters, digits, '.' or '-', starting and ending with a letter or digit,"
                        + " got 'video-'"),
                arguments("storage: {s3: {accessKey: ' '}}\n", "t.yaml:1: storage.s3.accessKey: must not be empty"),
                arguments("storage: {s3: {secretKey: '${EMPTY}'}}\n", "t.yaml:1: storage.s3.secretKey: must not be empty"),
                arguments("storage: {s3: {secretKey: '${NO_SECRET}'}}\n",
                        "t.yaml:1: storage.s3.secretKey: environment variable NO_SECRET is not set"),
                arguments("storage: {s3: {prefix: /county-a}}\n", "t.yaml:1: storage.s3.prefix: must be segments of"
                        + " letters, digits, '.', '_' or '-' separated by '/' (no empty, '.' or '..' segment, no"
                        + " leading '/'), got '/county-a'"),
                arguments("storage: {s3: {prefix: 'a/../b'}}\n", "t.yaml:1: storage.s3.prefix: must be segments of"
                        + " letters, digits, '.', '_' or '-' separated by '/' (no empty, '.' or '..' segment, no"
                        + " leading '/'), got 'a/../b'"),
                arguments("storage: {s3: {prefix: 'a//b'}}\n", "t.yaml:1: storage.s3.prefix: must be segments of"
                        + " letters, digits, '.', '_' or '-' separated by '/' (no empty, '.' or '..' segment, no"
                        + " leading '/'), got 'a//b'"),
                arguments("storage: {s3: {prefix: '" + "a".repeat(257) + "'}}\n",
                        "t.yaml:1: storage.s3.prefix: must be at most 256 characters, got 257"),
                arguments("storage: {s3: {pathStyle: yes}}\n",
                        "t.yaml:1: storage.s3.pathStyle: expected true or false, got 'yes'"),
                arguments("storage: {s3: [a]}\n", "t.yaml:1: storage.s3: expected a mapping, got a list"),
                arguments("storage: {s3: {bukket: video}}\n", "t.yaml:1: storage.s3.bukket: unknown key; known keys:"
                        + " endpoint, region, bucket, accessKey, secretKey, prefix, pathStyle"),
                // plates
                arguments("plates: {sampleFps: 0}\n", "t.yaml:1: plates.sampleFps: must be between 0.2 and 30, got 0"),
                arguments("plates: {sampleFps: fast}\n", "t.yaml:1: plates.sampleFps: expected a number, got 'fast'"),
                arguments("plates: {motionRegion: [0, 0, 1]}\n", "t.yaml:1: plates.motionRegion: must be [x, y, width,"
                        + " height] as fractions of the picture, got 3 numbers"),
                arguments("plates: {motionRegion: [0.5, 0, 0.6, 1]}\n", "t.yaml:1: plates.motionRegion: must have a"
                        + " positive width and height and lie inside the picture (x + width <= 1, y + height <= 1),"
                        + " got [0.5, 0.0, 0.6, 1.0]"),
                arguments("plates: {motionRegion: [0, 0, 2, 1]}\n",
                        "t.yaml:1: plates.motionRegion[2]: must be between 0 and 1, got 2"),
                arguments("plates: {triggerLine: 1.5}\n", "t.yaml:1: plates.triggerLine: must be between 0 and 1, got 1.5"),
                arguments("plates: {patterns: [DE, XX]}\n",
                        "t.yaml:1: plates.patterns[1]: unknown plate format 'XX'; known: [DE, FR, US-CA]"),
                arguments("plates: {trackMaxAge: 100ms}\n",
                        "t.yaml:1: plates.trackMaxAge: must be between 200ms and 30s, got 100ms"),
                arguments("plates: {workers: 0}\n", "t.yaml:1: plates.workers: must be between 1 and 64, got 0"),
                // audit
                arguments("audit: {checkpointInterval: 500ms}\n",
                        "t.yaml:1: audit.checkpointInterval: must be between 1s and 24h, got 500ms"),
                arguments("audit: {checkpointInterval: 25h}\n",
                        "t.yaml:1: audit.checkpointInterval: must be between 1s and 24h, got 25h"),
                arguments("audit: {checkpoints: 1m}\n",
                        "t.yaml:1: audit.checkpoints: unknown key; known keys: checkpointInterval, witness,"
                        + " retentionDays"),
                arguments("audit: {retentionDays: 30}\n", "t.yaml:1: audit.retentionDays: must be 0 (keep every"
                        + " record) or between 365 and 36500 (audit records are kept at least a year), got 30"),
                arguments("audit: {retentionDays: -1}\n", "t.yaml:1: audit.retentionDays: must be 0 (keep every"
                        + " record) or between 365 and 36500 (audit records are kept at least a year), got -1"),
                arguments("audit: {witness: {syslog: 'loghost:514'}}\n", "t.yaml:1: audit.witness.syslog: must be"
                        + " udp://host[:port] or tcp://host[:port], got scheme 'loghost'"),
                arguments("audit: {witness: {syslog: 'http://loghost'}}\n", "t.yaml:1: audit.witness.syslog: must be"
                        + " udp://host[:port] or tcp://host[:port], got scheme 'http'"),
                arguments("audit: {witness: {syslog: 'udp:///'}}\n", "t.yaml:1: audit.witness.syslog: must have a host"),
                arguments("audit: {witness: {syslog: 'tcp://loghost:601/x'}}\n", "t.yaml:1: audit.witness.syslog: must"
                        + " be only scheme, host and port, e.g. udp://loghost:514"),
                arguments("audit: {witness: {http: 'ftp://witness'}}\n", "t.yaml:1: audit.witness.http: must be an"
                        + " http:// or https:// URL, got scheme 'ftp'"),
                arguments("audit: {witness: {http: 'https://u:p@witness/cp'}}\n",
                        "t.yaml:1: audit.witness.http: must not hold credentials; use httpToken"),
                arguments("audit: {witness: {http: 'https://witness/cp', httpToken: ''}}\n",
                        "t.yaml:1: audit.witness.httpToken: must not be empty; leave the key out for no token"),
                arguments("audit: {witness: {httpToken: t0k3n}}\n",
                        "t.yaml:1: audit.witness.httpToken: is set but http is not"),
                arguments("audit: {witness: {timeout: 50ms}}\n",
                        "t.yaml:1: audit.witness.timeout: must be between 100ms and 1m, got 50ms"),
                arguments("audit: {witness: {smtp: x}}\n", "t.yaml:1: audit.witness.smtp: unknown key; known keys:"
                        + " syslog, http, httpToken, timeout"),
                // exports
                arguments("exports: {maxConcurrent: 0}\n",
                        "t.yaml:1: exports.maxConcurrent: must be between 1 and 16, got 0"),
                arguments("exports: {perUserPerDay: 0}\n",
                        "t.yaml:1: exports.perUserPerDay: must be between 1 and 10000, got 0"),
                arguments("exports: {perUserGiBPerDay: 0}\n",
                        "t.yaml:1: exports.perUserGiBPerDay: must be between 1 and 1048576, got 0"),
                arguments("exports: {expireAfter: 30m}\n",
                        "t.yaml:1: exports.expireAfter: must be between 1h and 8760h, got 30m"),
                arguments("exports: {expiry: 1h}\n", "t.yaml:1: exports.expiry: unknown key; known keys:"
                        + " maxConcurrent, perUserPerDay, perUserGiBPerDay, expireAfter"),
                // recording
                arguments("recording: {segmentSeconds: 0}\n",
                        "t.yaml:1: recording.segmentSeconds: must be between 1 and 3600, got 0"),
                arguments("recording: {retentionDays: 3651}\n",
                        "t.yaml:1: recording.retentionDays: must be between 1 and 3650, got 3651"),
                arguments("recording: {minFreePercent: 51}\n",
                        "t.yaml:1: recording.minFreePercent: must be between 0 and 50, got 51"),
                arguments("recording: {retentions: 3}\n", "t.yaml:1: recording.retentions: unknown key; known keys:"
                        + " segmentSeconds, retentionDays, minFreePercent, retention, changeRotationInterval, directIo,"
                        + " writerThreads, queueHeapPercent"),
                arguments("recording: {changeRotationInterval: 2h}\n",
                        "t.yaml:1: recording.changeRotationInterval: must be between 0s and 1h, got 2h"),
                arguments("recording: {changeRotationInterval: 10}\n",
                        "t.yaml:1: recording.changeRotationInterval: a duration needs a unit, e.g. '10s' (units: ms, s, m, h), got '10'"),
                arguments("reads: {retentionDays: 0}\n",
                        "t.yaml:1: reads.retentionDays: must be between 1 and 3650, got 0"),
                arguments("reads: {retention: [{camera: c1, days: 5}, {camera: c1, days: 6}]}\n",
                        "t.yaml:1: reads.retention[1]: a second rule for camera c1"),
                arguments("reads: {watchlists: {maxExpiryDays: 0}}\n",
                        "t.yaml:1: reads.watchlists.maxExpiryDays: must be between 1 and 3650, got 0"),
                arguments("reads: {watchlists: {maxEntriesPerList: 500, maxEntries: 100}}\n",
                        "t.yaml:1: reads.watchlists.maxEntries: must be between 500 and 1000000, got 100"),
                arguments("reads: {watchlists: {maxStreamsPerUser: 101}}\n",
                        "t.yaml:1: reads.watchlists.maxStreamsPerUser: must be between 1 and 100, got 101"),
                arguments("reads: {watchlists: {ttl: 1}}\n", "t.yaml:1: reads.watchlists.ttl: unknown key; known keys:"
                        + " maxExpiryDays, maxLists, maxEntriesPerList, maxEntries, maxStreams, maxStreamsPerUser"),
                arguments("reads: {maxSearchDays: 0}\n",
                        "t.yaml:1: reads.maxSearchDays: must be between 1 and 3650, got 0"),
                arguments("reads: {cloneSpeedKmh: 20}\n",
                        "t.yaml:1: reads.cloneSpeedKmh: must be between 50 and 1000, got 20"),
                arguments("reads: {caseReferenceOptionalFor: [admin, boss]}\n",
                        "t.yaml:1: reads.caseReferenceOptionalFor[1]: must be one of viewer, investigator, auditor,"
                                + " admin, got boss"),
                arguments("recording: {writerThreads: 0}\n",
                        "t.yaml:1: recording.writerThreads: must be between 1 and 64, got 0"),
                arguments("recording: {queueHeapPercent: 76}\n",
                        "t.yaml:1: recording.queueHeapPercent: must be between 1 and 75, got 76"),
                arguments("recording: {retention: [{days: 9}]}\n",
                        "t.yaml:1: recording.retention[0]: name a camera or a region"),
                arguments("recording: {retention: [{camera: c1, region: [a], days: 9}]}\n",
                        "t.yaml:1: recording.retention[0]: name a camera or a region, not both"),
                arguments("recording: {retention: [{camera: c1, days: 0}]}\n",
                        "t.yaml:1: recording.retention[0].days: must be between 1 and 3650, got 0"),
                arguments("recording: {retention: [{camera: c1}]}\n",
                        "t.yaml:1: recording.retention[0].days: required key is missing"),
                arguments("recording: {retention: [{region: [a, b], days: 9}, {region: [a, b], days: 3}]}\n",
                        "t.yaml:1: recording.retention[1]: a second rule for region a/b"),
                arguments("recording: {retention: [{camera: c1, days: 9, hours: 3}]}\n",
                        "t.yaml:1: recording.retention[0].hours: unknown key; known keys: camera, region, days"),
                // ingest
                arguments("ingest: {connectAttemptsPerSecond: 0}\n",
                        "t.yaml:1: ingest.connectAttemptsPerSecond: must be between 1 and 10000, got 0"),
                arguments("ingest: {backoffMin: 5ms}\n",
                        "t.yaml:1: ingest.backoffMin: must be between 10ms and 10m, got 5ms"),
                arguments("ingest: {backoffMax: 2h}\n",
                        "t.yaml:1: ingest.backoffMax: must be between 10ms and 1h, got 2h"),
                arguments("ingest:\n  backoffMin: 10s\n  backoffMax: 5s\n",
                        "t.yaml:3: ingest.backoffMax: must be at least backoffMin (10s), got 5s"),
                arguments("ingest:\n  backoffMin: 2m\n",
                        "t.yaml:1: ingest.backoffMax: must be at least backoffMin (2m), got 1m"),
                arguments("ingest: {noDataTimeout: 500ms}\n",
                        "t.yaml:1: ingest.noDataTimeout: must be between 1s and 10m, got 500ms"),
                arguments("ingest: {connectTimeout: 301s}\n",
                        "t.yaml:1: ingest.connectTimeout: must be between 100ms and 5m, got 301s"),
                arguments("ingest: {requestTimeout: 0s}\n",
                        "t.yaml:1: ingest.requestTimeout: must be between 100ms and 5m, got 0s"),
                arguments("ingest: {sessionTimeoutDefault: 4999ms}\n",
                        "t.yaml:1: ingest.sessionTimeoutDefault: must be between 5s and 1h, got 4999ms"),
                arguments("ingest: {maxRtspHeaderBytes: 1023}\n",
                        "t.yaml:1: ingest.maxRtspHeaderBytes: must be between 1024 and 1048576, got 1023"),
                arguments("ingest: {maxRtspBodyBytes: 16777217}\n",
                        "t.yaml:1: ingest.maxRtspBodyBytes: must be between 1024 and 16777216, got 16777217"),
                arguments("ingest: {maxAccessUnitBytes: 65535}\n",
                        "t.yaml:1: ingest.maxAccessUnitBytes: must be between 65536 and 67108864, got 65535"),
                arguments("ingest: {maxRedirects: 11}\n",
                        "t.yaml:1: ingest.maxRedirects: must be between 0 and 10, got 11"),
                arguments("ingest: {hubQueueUnits: 0}\n",
                        "t.yaml:1: ingest.hubQueueUnits: must be between 1 and 65536, got 0"),
                arguments("ingest: {eventLoopThreads: -1}\n",
                        "t.yaml:1: ingest.eventLoopThreads: must be between 0 and 1024, got -1"),
                arguments("ingest: {udpPortMin: 1022}\n",
                        "t.yaml:1: ingest.udpPortMin: must be between 1024 and 65534, got 1022"),
                arguments("ingest: {udpPortMin: 20001}\n", "t.yaml:1: ingest.udpPortMin: must be even"
                        + " (RTP takes the even port, RTCP the next odd one), got 20001"),
                arguments("ingest: {udpPortMax: 65536}\n",
                        "t.yaml:1: ingest.udpPortMax: must be between 1025 and 65535, got 65536"),
                arguments("ingest: {udpPortMin: 30000, udpPortMax: 30000}\n",
                        "t.yaml:1: ingest.udpPortMax: must be greater than udpPortMin (30000), got 30000"),
                arguments("ingest: {noDataTimeout: 10}\n", "t.yaml:1: ingest.noDataTimeout: a duration needs a unit,"
                        + " e.g. '10s' (units: ms, s, m, h), got '10'"),
                arguments("ingest: {noDataTimeout: 10 s}\n", "t.yaml:1: ingest.noDataTimeout: expected a duration"
                        + " such as '500ms', '10s', '2m' or '1h', got '10 s'"),
                arguments("ingest: {noDataTimeout: 1.5s}\n", "t.yaml:1: ingest.noDataTimeout: expected a duration"
                        + " such as '500ms', '10s', '2m' or '1h', got '1.5s'"),
                arguments("ingest: {noDataTimeout: -1s}\n", "t.yaml:1: ingest.noDataTimeout: expected a duration"
                        + " such as '500ms', '10s', '2m' or '1h', got '-1s'"),
                arguments("ingest: {noDataTimeout: 10d}\n", "t.yaml:1: ingest.noDataTimeout: expected a duration"
                        + " such as '500ms', '10s', '2m' or '1h', got '10d'"),
                arguments("ingest: {noDataTimeout: {s: 1}}\n",
                        "t.yaml:1: ingest.noDataTimeout: expected a duration, got a mapping"),
                arguments("ingest: {timeout: 1s}\n", "t.yaml:1: ingest.timeout: unknown key; known keys:"
                        + " connectAttemptsPerSecond, backoffMin, backoffMax, noDataTimeout, connectTimeout,"
                        + " requestTimeout, sessionTimeoutDefault, maxRtspHeaderBytes, maxRtspBodyBytes,"
                        + " maxAccessUnitBytes, maxRedirects, hubQueueUnits, eventLoopThreads, udpPortMin, udpPortMax,"
                        + " keepKeyframes"),
                // cameraDefaults
                arguments("cameraDefaults: {transport: TCP}\n",
                        "t.yaml:1: cameraDefaults.transport: expected tcp, udp or auto, got 'TCP'"),
                arguments("cameraDefaults: {transport: [tcp]}\n",
                        "t.yaml:1: cameraDefaults.transport: expected tcp, udp or auto, got a list"),
                arguments("cameraDefaults: {transport: automatic}\n",
                        "t.yaml:1: cameraDefaults.transport: expected tcp, udp or auto, got 'automatic'"),
                arguments("cameraDefaults: {record: yes}\n",
                        "t.yaml:1: cameraDefaults.record: expected true or false, got 'yes'"),
                arguments("cameraDefaults: {live: 1}\n",
                        "t.yaml:1: cameraDefaults.live: expected true or false, got '1'"),
                arguments("cameraDefaults: {plates: True}\n",
                        "t.yaml:1: cameraDefaults.plates: expected true or false, got 'True'"),
                arguments("cameraDefaults: {enable: false}\n", "t.yaml:1: cameraDefaults.enable: unknown key;"
                        + " known keys: transport, record, live, plates, enabled, auth"),
                arguments("cameraDefaults: {auth: Basic}\n",
                        "t.yaml:1: cameraDefaults.auth: expected digest, any or basic, got 'Basic'"),
                arguments("cameraDefaults: {auth: [digest]}\n",
                        "t.yaml:1: cameraDefaults.auth: expected digest, any or basic, got a list"),
                // cameras
                arguments("cameras: {}\n", "t.yaml:1: cameras: expected a list, got a mapping"),
                arguments("cameras: [cam1]\n", "t.yaml:1: cameras[0]: expected a mapping, got a scalar"),
                arguments("cameras:\n  -\n", "t.yaml:2: cameras[0]: expected a mapping, got null"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    region: [a, ~]\n",
                        "t.yaml:4: cameras[0].region[1]: expected a string, got null"),
                arguments("cameras:\n  - source: rtsp://h/\n", "t.yaml:2: cameras[0].id: required key is missing"),
                arguments("cameras:\n  - id:\n    source: rtsp://h/\n",
                        "t.yaml:2: cameras[0].id: required key has no value"),
                arguments("cameras:\n  - id: a\n", "t.yaml:2: cameras[0].source: required key is missing"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n  - id: b\n    sorce: rtsp://h/\n",
                        "t.yaml:5: cameras[1].sorce: unknown key; known keys: " + CAMERA_KEYS),
                arguments("cameras:\n  - {id: 'cam 1', source: 'rtsp://h/'}\n", "t.yaml:2: cameras[0].id: must be 1-64"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit, got 'cam 1'"),
                arguments("cameras:\n  - {id: -cam, source: 'rtsp://h/'}\n", "t.yaml:2: cameras[0].id: must be 1-64"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit, got '-cam'"),
                arguments("cameras:\n  - {id: " + "a".repeat(65) + ", source: 'rtsp://h/'}\n",
                        "t.yaml:2: cameras[0].id: must be 1-64 letters, digits, '.', '_' or '-', starting with"
                                + " a letter or digit, got '" + "a".repeat(65) + "'"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/'}\n  - {id: b, source: 'rtsp://h/'}\n"
                        + "  - {id: a, source: 'rtsp://h/'}\n",
                        "t.yaml:4: cameras[2].id: duplicate camera id 'a', already used by cameras[0]"),
                arguments("cameras:\n  - {id: a, source: 'http://h/'}\n",
                        "t.yaml:2: cameras[0].source: must be an rtsp:// or rtsps:// URI, got scheme 'http'"),
                arguments("cameras:\n  - {id: a, source: '10.0.0.5/live'}\n",
                        "t.yaml:2: cameras[0].source: must be an rtsp:// or rtsps:// URI, got no scheme"),
                arguments("cameras:\n  - {id: a, source: 'rtsp:///live'}\n", "t.yaml:2: cameras[0].source: must have"
                        + " a host (percent-encode '@', ':' and '/' in a user name or password)"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://admin:p@ss@10.0.0.5/'}\n",
                        "t.yaml:2: cameras[0].source: must have a host (percent-encode '@', ':' and '/' in a user"
                                + " name or password)"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://admin:se cret@10.0.0.5/'}\n",
                        "t.yaml:2: cameras[0].source: not a valid URI: Illegal character in authority at index 15"),
                arguments("cameras:\n  - {id: a, source: [rtsp://h/]}\n",
                        "t.yaml:2: cameras[0].source: expected a URI, got a list"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', substream: 'udp://h/'}\n",
                        "t.yaml:2: cameras[0].substream: must be an rtsp:// or rtsps:// URI, got scheme 'udp'"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', name: ''}\n",
                        "t.yaml:2: cameras[0].name: must not be empty"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', direction: ' '}\n",
                        "t.yaml:2: cameras[0].direction: must not be empty"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', region: 湘潭县}\n",
                        "t.yaml:2: cameras[0].region: expected a list, got a scalar"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    region:\n      - 湘潭县\n      - ''\n",
                        "t.yaml:6: cameras[0].region[1]: must not be empty"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', region: [[a]]}\n",
                        "t.yaml:2: cameras[0].region[0]: expected a string, got a list"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', transport: http}\n",
                        "t.yaml:2: cameras[0].transport: expected tcp, udp or auto, got 'http'"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', auth: none}\n",
                        "t.yaml:2: cameras[0].auth: expected digest, any or basic, got 'none'"),
                arguments("cameras:\n  - {id: a, source: 'rtsp://h/', record: no}\n",
                        "t.yaml:2: cameras[0].record: expected true or false, got 'no'"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: 91, lon: 0}\n",
                        "t.yaml:4: cameras[0].location.lat: must be between -90 and 90, got 91"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: 0, lon: -180.5}\n",
                        "t.yaml:4: cameras[0].location.lon: must be between -180 and 180, got -180.5"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: north, lon: 0}\n",
                        "t.yaml:4: cameras[0].location.lat: expected a number, got 'north'"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: .nan, lon: 0}\n",
                        "t.yaml:4: cameras[0].location.lat: expected a number, got '.nan'"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: 1}\n",
                        "t.yaml:4: cameras[0].location.lon: required key is missing"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: {lat: 1, lng: 2}\n",
                        "t.yaml:4: cameras[0].location.lng: unknown key; known keys: lat, lon"),
                arguments("cameras:\n  - id: a\n    source: rtsp://h/\n    location: [1, 2]\n",
                        "t.yaml:4: cameras[0].location: expected a mapping, got a list"),
                // environment
                arguments("cameras:\n  - id: a\n    source: rtsp://admin:${NO_SUCH}@h/\n",
                        "t.yaml:3: cameras[0].source: environment variable NO_SUCH is not set"),
                arguments("cameras:\n  - id: a\n    source: rtsp://admin:${CAM_PASS@h/\n",
                        "t.yaml:3: cameras[0].source: unterminated '${' (write '$${' for a literal '${')"),
                arguments("cameras:\n  - id: a\n    source: rtsp://admin:${1PASS}@h/\n",
                        "t.yaml:3: cameras[0].source: invalid environment variable name '1PASS' in '${...}'"
                                + " (letters, digits and '_', not starting with a digit)"),
                arguments("http: {port: '${NO_PORT}'}\n", "t.yaml:1: http.port: environment variable NO_PORT is not set"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rejectsWithExactMessage(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml", ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void carriesPathAndReasonAsData(String yaml, String message) {
        ConfigException e = catchConfigException(yaml);
        String line = e.line().isPresent() ? ":" + e.line().getAsInt() : "";
        String prefix = "t.yaml" + line + ": " + (e.path().isEmpty() ? "" : e.path() + ": ");
        assertThat(e.source()).contains("t.yaml");
        assertThat(prefix + e.reason()).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void neverRevealsTheSubstitutedSecret(String yaml, String message) {
        assertThat(catchConfigException(yaml).getMessage()).doesNotContain("s3cret");
    }

    private static ConfigException catchConfigException(String yaml) {
        try {
            ConfigLoader.parse(yaml, "t.yaml", ENV);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }
}
