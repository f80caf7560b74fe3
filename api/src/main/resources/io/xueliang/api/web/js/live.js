// One tile's live video: the camera's WebSocket (a ticket in its URL), fMP4 fragments into Media Source Extensions,
// kept near the live edge, reconnecting by itself. A codec this browser's MSE cannot play (H.265 in most) falls back
// to refreshing snapshots, and the tile says so. Where WebSockets do not pass (a proxy that refuses the upgrade), the
// wall can be set to LL-HLS instead: the camera's playlist played by hls.js (from the server's jar), same tile.
import {api, enc, mediaUrl, token} from './api.js';

const SNAPSHOT_EVERY_MS = 2000;
const STALL_MS = 8000;
const MAX_LAG_S = 1.5;
const CATCH_UP_S = 0.12;
const KEEP_BEHIND_S = 10;
const NTP_UNIX_OFFSET_S = 2208988800;
const HLS_MODULE = '/vendor/hls/hls.light.mjs';

// With localStorage 'xl.measure' = '1' (the live benchmark sets it), each tile records the time from a picture's
// capture (the prft before each fragment) to the browser presenting it (requestVideoFrameCallback), and from the
// tile's start to its first picture.
const measuring = localStorage.getItem('xl.measure') === '1';
if (measuring) window.xlMeasure = {latencies: [], firstFrames: [], steps: []};

/** The capture instant (ms since 1970) and media time (s) a fragment's leading prft box gives, or null. */
function producerReference(bytes) {
  if (bytes.byteLength < 32) return null;
  const v = new DataView(bytes);
  if (v.getUint32(4) !== 0x70726674 || v.getUint8(8) !== 1) return null; // 'prft' version 1
  const ntp = v.getBigUint64(16);
  const seconds = Number(ntp >> 32n) - NTP_UNIX_OFFSET_S;
  const fraction = Number(ntp & 0xffffffffn) / 2 ** 32;
  return {wallMs: (seconds + fraction) * 1000, mediaS: Number(v.getBigUint64(24)) / 90000};
}

export class LivePlayer {
  /**
   * @param video the <video> element
   * @param image the <img> element snapshots go to
   * @param camera camera id
   * @param onState called with 'connecting' | 'live' | 'reconnecting' | 'offline' | 'snapshot' | 'denied'
   * @param sub whether to ask for the camera's sub stream (small tiles)
   * @param transport 'ws' (fMP4 over a WebSocket) or 'hls' (the camera's LL-HLS playlist, main stream)
   */
  constructor(video, image, camera, onState, sub = false, transport = 'ws') {
    this.sub = sub;
    this.transport = transport;
    this.video = video;
    this.image = image;
    this.camera = camera;
    this.onState = onState;
    this.stopped = false;
    this.failures = 0;
    this.fragments = 0;
    this.lastMessageAt = 0;
    this.timers = [];
    this.startedAt = performance.now();
    this.steps = {};
    this.captured = new Map();
    if (measuring && video.requestVideoFrameCallback) {
      const presented = (now, meta) => {
        if (this.stopped) return;
        const m = window.xlMeasure;
        if (this.startedAt !== null) {
          // The first picture is counted as such; it may be the camera's latest keyframe, shown while the next comes.
          m.firstFrames.push(now - this.startedAt);
          this.mark('presented');
          m.steps.push(this.steps);
          this.startedAt = null;
          video.requestVideoFrameCallback(presented);
          return;
        }
        const wall = this.hls ? this.hlsCaptured(meta.mediaTime) : this.captured.get(Math.round(meta.mediaTime * 1000));
        if (wall !== undefined && m.latencies.length < 200000) {
          m.latencies.push(performance.timeOrigin + meta.expectedDisplayTime - wall);
        }
        video.requestVideoFrameCallback(presented);
      };
      video.requestVideoFrameCallback(presented);
    }
  }

  /** Where a tile's first second goes (measuring only): ms from its start to each step, the first time. */
  mark(step) {
    if (measuring && this.startedAt !== null && !(step in this.steps)) this.steps[step] = Math.round(performance.now() - this.startedAt);
  }

  start() {
    this.connect();
    this.timers.push(setInterval(() => this.watch(), 2000));
    return this;
  }

  stop() {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    clearTimeout(this.retry);
    clearTimeout(this.snapshotTimer);
    this.teardown();
  }

  state(s) {
    if (this.current !== s) {
      this.current = s;
      this.onState(s);
    }
  }

  async connect() {
    if (this.stopped) return;
    this.teardown();
    this.state(this.failures === 0 ? 'connecting' : 'reconnecting');
    const path = `/api/v1/cameras/${enc(this.camera)}/live`;
    // The camera's state and the socket's ticket at once: each is a round trip before the first picture.
    const [status, link] = await Promise.allSettled([api(`/cameras/${enc(this.camera)}/status`),
      this.transport === 'hls' ? Promise.resolve(null) : mediaUrl(path)]);
    if (this.stopped) return;
    if (status.status === 'rejected') {
      const e = status.reason;
      if (e.status === 404 || e.status === 403) return this.later('denied', 15000);
      return this.later('reconnecting');
    }
    this.mark('status');
    if (status.value.state !== 'playing') return this.later('offline', 3000);
    if (this.transport === 'hls') return this.connectHls();
    if (link.status === 'rejected') return this.later('reconnecting');
    const target = new URL(link.value);
    if (this.sub) target.searchParams.set('stream', 'sub');
    if (this.stopped) return;
    this.mark('ticket');
    target.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(target);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.lastMessageAt = Date.now();
    ws.onmessage = (m) => this.message(ws, m);
    ws.onclose = (e) => {
      if (this.ws !== ws || this.stopped) return;
      this.later(e.code === 1008 ? 'denied' : 'reconnecting', e.code === 1008 ? 15000 : undefined);
    };
  }

  /**
   * LL-HLS: hls.js, loaded when first needed, follows the playlist with blocking reloads; its requests carry the
   * session token in a header (never in a URL), and the server puts a ticket in every URI it lists. No worker (the
   * page's policy allows scripts from this origin only).
   */
  async connectHls() {
    let Hls;
    try {
      ({default: Hls} = await import(HLS_MODULE));
    } catch (e) {
      return this.later('reconnecting');
    }
    if (this.stopped) return;
    if (!Hls.isSupported()) return this.snapshotMode();
    const bearer = token();
    // Low-latency mode keeps PART-HOLD-BACK behind the live edge; it starts at a segment's keyframe, up to a GOP
    // further back, and plays up to half as fast again until it is there.
    let hls;
    try {
      hls = new Hls({lowLatencyMode: true, enableWorker: false, backBufferLength: KEEP_BEHIND_S,
        maxLiveSyncPlaybackRate: 1.5, xhrSetup: (xhr, url) => {
          if (new URL(url, location.href).origin === location.origin) xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
        }});
    } catch (e) {
      return this.later('reconnecting');
    }
    this.hls = hls;
    this.mark('ticket');
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      this.mark('header');
      this.video.play().catch(() => {});
    });
    hls.on(Hls.Events.FRAG_BUFFERED, () => {
      this.lastMessageAt = Date.now();
      this.fragments++;
      if (this.fragments === 1) this.mark('firstFragmentAppended');
      if (this.fragments > 1 && this.current !== 'live') {
        this.failures = 0;
        this.state('live');
      }
    });
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (measuring) {
        const errors = window.xlMeasure.hlsErrors = window.xlMeasure.hlsErrors || {};
        errors[data.details] = (errors[data.details] || 0) + 1;
      }
      if (this.hls !== hls || !data.fatal) return;
      if (data.response && data.response.code === 403) return this.later('denied', 15000);
      this.later('reconnecting');
    });
    this.lastMessageAt = Date.now();
    hls.loadSource(`/api/v1/cameras/${enc(this.camera)}/live/index.m3u8`);
    hls.attachMedia(this.video);
  }

  /** The capture instant (ms since 1970) of the HLS picture at media time t: its segment's PROGRAM-DATE-TIME on. */
  hlsCaptured(t) {
    const level = this.hls.levels && this.hls.levels[Math.max(0, this.hls.currentLevel)];
    const fragments = (level && level.details && level.details.fragments) || [];
    for (let i = fragments.length - 1; i >= 0; i--) {
      const f = fragments[i];
      if (f.start <= t + 1e-3 && f.programDateTime) return f.programDateTime + (t - f.start) * 1000;
    }
    return undefined;
  }

  /** Tries again after a pause that grows with failures (1 s to 10 s), saying why in the meantime. */
  later(state, ms) {
    this.teardown();
    this.failures++;
    this.state(state);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), ms || Math.min(10000, 1000 * 2 ** Math.min(this.failures - 1, 4)));
  }

  message(ws, m) {
    if (this.ws !== ws) return;
    this.lastMessageAt = Date.now();
    this.mark(typeof m.data === 'string' ? 'header' : 'firstBinary');
    if (typeof m.data === 'string') {
      let header;
      try {
        header = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      if (header.type === 'stream') this.stream(header);
      return;
    }
    if (this.snapshots) return;
    if (measuring) {
      const ref = producerReference(m.data);
      if (ref) {
        this.captured.set(Math.round(ref.mediaS * 1000), ref.wallMs);
        if (this.captured.size > 500) this.captured.delete(this.captured.keys().next().value);
      }
    }
    this.queue.push(m.data);
    this.pump();
  }

  stream(header) {
    this.codec = header.codec;
    if (!window.MediaSource || !MediaSource.isTypeSupported(header.mime)) {
      this.snapshotMode();
      return;
    }
    if (this.buffer) {
      // New parameters: the same buffer takes the new init segment (changeType for a new codec string).
      this.queue.push({mime: header.mime});
      this.pump();
      return;
    }
    this.mime = header.mime;
    this.queue = this.queue || [];
    this.source = new MediaSource();
    this.objectUrl = URL.createObjectURL(this.source);
    this.video.src = this.objectUrl;
    this.source.addEventListener('sourceopen', () => {
      if (!this.source || this.source.readyState !== 'open') return;
      this.buffer = this.source.addSourceBuffer(this.mime);
      this.buffer.mode = 'segments';
      this.buffer.addEventListener('updateend', () => this.appended());
      this.pump();
    }, {once: true});
  }

  pump() {
    const b = this.buffer;
    if (!b || b.updating || !this.queue.length) return;
    const next = this.queue.shift();
    try {
      if (next.mime) {
        if (next.mime !== this.mime && b.changeType) b.changeType(next.mime);
        this.mime = next.mime;
        this.pump();
        return;
      }
      b.appendBuffer(next);
      this.fragments++;
      if (this.fragments === 2) this.mark('firstFragmentAppended');
    } catch (e) {
      // QuotaExceeded or a buffer in error: start afresh at the next keyframe the server sends on a new socket.
      this.later('reconnecting');
    }
  }

  appended() {
    const v = this.video;
    const r = v.buffered;
    if (r.length) {
      const end = r.end(r.length - 1);
      const lag = end - v.currentTime;
      if (v.currentTime < r.start(0) || lag > MAX_LAG_S) v.currentTime = Math.max(r.start(r.length - 1), end - 0.1);
      // A wall shows now, not smoothly late: a little faster while more than two pictures are waiting.
      else v.playbackRate = lag > CATCH_UP_S ? 1.1 : 1.0;
      if (v.paused) v.play().catch(() => {});
      if (this.fragments > 1) this.mark(`playFrom${Math.round((end - v.currentTime) * 1000)}msBehind`);
      if (this.fragments > 2 && this.current !== 'live') {
        this.failures = 0;
        this.state('live');
      }
      const start = r.start(0);
      if (v.currentTime - start > 2 * KEEP_BEHIND_S && !this.buffer.updating) {
        this.buffer.remove(start, v.currentTime - KEEP_BEHIND_S);
        return;
      }
    }
    this.pump();
  }

  /** A socket that stays silent for 8 s (a half-open connection, a stuck camera) is replaced. */
  watch() {
    if ((this.ws || this.hls) && !this.snapshots && Date.now() - this.lastMessageAt > STALL_MS) this.later('reconnecting');
  }

  snapshotMode() {
    this.snapshots = true;
    if (this.ws) this.ws.close();
    this.ws = null;
    this.state('snapshot');
    this.video.hidden = true;
    this.image.hidden = false;
    const refresh = async () => {
      if (this.stopped) return;
      try {
        const u = await mediaUrl(`/api/v1/cameras/${enc(this.camera)}/snapshot.jpg`);
        this.image.src = `${u}&at=${Date.now()}`;
      } catch (e) {
        // the next turn tries again
      }
      this.snapshotTimer = setTimeout(refresh, SNAPSHOT_EVERY_MS);
    };
    refresh();
  }

  teardown() {
    if (this.hls) {
      const hls = this.hls;
      this.hls = null;
      hls.destroy();
      this.video.removeAttribute('src');
      this.video.load();
    }
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.onclose = null;
      ws.close();
    }
    if (this.source && this.source.readyState === 'open') {
      try {
        this.source.endOfStream();
      } catch (e) {
        // already ended
      }
    }
    this.source = null;
    this.buffer = null;
    this.queue = [];
    this.fragments = 0;
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
      this.video.removeAttribute('src');
      this.video.load();
    }
  }
}
