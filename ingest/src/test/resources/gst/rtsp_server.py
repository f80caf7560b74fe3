#!/usr/bin/python3
"""GStreamer RTSP server used as a third-party camera in xueliang's tests.

usage: rtsp_server.py --port P [--mount /name=FILE.ts:h264|h265 ...] [--auth none|basic|digest]
                      [--user U --password P] [--session-timeout S] [--protocols tcp+udp|udp|tcp]

Serves every mount from an MPEG-TS file played in a loop. Prints "READY <port>" once listening.
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mount", action="append", default=[])
    parser.add_argument("--auth", choices=["none", "basic", "digest"], default="none")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="")
    parser.add_argument("--session-timeout", type=int, default=0)
    # udp: a server that answers a SETUP for TCP interleaved with 461 Unsupported Transport
    parser.add_argument("--protocols", choices=["tcp+udp", "udp", "tcp"], default="tcp+udp")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    mounts = server.get_mount_points()

    for spec in args.mount:
        path, rest = spec.split("=", 1)
        location, codec = rest.rsplit(":", 1)
        parse, pay = ("h265parse", "rtph265pay") if codec == "h265" else ("h264parse", "rtph264pay")
        launch = (f"( multifilesrc location={location} loop=true ! tsdemux ! {parse} config-interval=-1 "
                  f"! {pay} name=pay0 pt=96 config-interval=-1 )")
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(True)
        # Without it the server seeks on PLAY and multifilesrc answers 503.
        factory.set_publish_clock_mode(GstRtspServer.RTSPPublishClockMode.CLOCK_AND_OFFSET)
        protocols = {"tcp+udp": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
                     "udp": GstRtsp.RTSPLowerTrans.UDP, "tcp": GstRtsp.RTSPLowerTrans.TCP}[args.protocols]
        factory.set_protocols(protocols)
        if args.auth != "none":
            factory.add_role_from_structure(Gst.Structure.new_from_string(
                "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
        mounts.add_factory(path, factory)

    if args.auth != "none":
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        if args.auth == "basic":
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
        else:
            auth.add_digest(args.user, args.password, token)
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        server.set_auth(auth)

    if args.session_timeout > 0:
        def on_client(_server, client):
            client.connect("new-session", lambda _c, session: session.set_timeout(args.session_timeout))
        server.connect("client-connected", on_client)

    if server.attach(None) == 0:
        print("FAILED to listen on port %d" % args.port, flush=True)
        sys.exit(2)
    print("READY %d" % args.port, flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
