package io.xueliang.ingest.manscdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The 8-byte front-end device control command of GB/T 28181-2016 Appendix A.3, carried as 16 hex
 * digits in {@code <PTZCmd>}.
 *
 * <pre>
 *  byte  1     2              3            4            5        6        7                 8
 *      +----+--------------+------------+------------+--------+--------+-----------------+----------+
 *      | A5 | ver(4) chk(4)| addr low 8 | instruction| data 1 | data 2 | data3(4) addr(4)| checksum |
 *      +----+--------------+------------+------------+--------+--------+-----------------+----------+
 *  chk      = (0xA + 0x5 + ver) mod 16           = 0xF for version 0
 *  checksum = (byte1 + ... + byte7) mod 256
 *
 *  PTZ instruction, bits 7..0:  0 0 zoomOut zoomIn up down left right
 *      data 1 = pan speed, data 2 = tilt speed, data 3 = zoom speed (0..15); all bits clear = stop
 *  preset: 0x81 set, 0x82 call, 0x83 delete; data 2 = preset number 1..255
 * </pre>
 * Example: stop for address 1 is {@code A50F0100000000B5}.
 *
 * @param address     device address, 0..4095 (12 bits: byte 3 and the low nibble of byte 7);
 *                    devices ignore it in practice, and platforms send 1
 * @param instruction byte 4
 * @param data1       byte 5
 * @param data2       byte 6
 * @param data3       high nibble of byte 7, 0..15
 */
public record PtzCommand(int address, int instruction, int data1, int data2, int data3) {
    private static final int FIRST = 0xA5;
    private static final int VERSION = 0;
    public static final int PRESET_SET = 0x81;
    public static final int PRESET_CALL = 0x82;
    public static final int PRESET_DELETE = 0x83;
    private static final int RIGHT = 0x01;
    private static final int LEFT = 0x02;
    private static final int DOWN = 0x04;
    private static final int UP = 0x08;
    private static final int ZOOM_IN = 0x10;
    private static final int ZOOM_OUT = 0x20;
    /** The address platforms send. */
    public static final int DEFAULT_ADDRESS = 1;

    public PtzCommand {
        check("address", address, 0xFFF);
        check("instruction", instruction, 0xFF);
        check("data1", data1, 0xFF);
        check("data2", data2, 0xFF);
        check("data3", data3, 0xF);
    }

    /** Horizontal direction of a move. */
    public enum Pan { NONE, LEFT, RIGHT }

    /** Vertical direction of a move. */
    public enum Tilt { NONE, UP, DOWN }

    /** Lens zoom of a move. */
    public enum Zoom { NONE, IN, OUT }

    /** Stops every motion. */
    public static PtzCommand stop() {
        return new PtzCommand(DEFAULT_ADDRESS, 0, 0, 0, 0);
    }

    /**
     * A combined pan, tilt and zoom motion, kept up until a {@link #stop()}.
     *
     * @param panSpeed  0..255
     * @param tiltSpeed 0..255
     * @param zoomSpeed 0..15
     */
    public static PtzCommand move(Pan pan, Tilt tilt, Zoom zoom, int panSpeed, int tiltSpeed, int zoomSpeed) {
        int i = switch (pan) {
            case NONE -> 0;
            case LEFT -> LEFT;
            case RIGHT -> RIGHT;
        } | switch (tilt) {
            case NONE -> 0;
            case UP -> UP;
            case DOWN -> DOWN;
        } | switch (zoom) {
            case NONE -> 0;
            case IN -> ZOOM_IN;
            case OUT -> ZOOM_OUT;
        };
        return new PtzCommand(DEFAULT_ADDRESS, i, pan == Pan.NONE ? 0 : panSpeed, tilt == Tilt.NONE ? 0 : tiltSpeed,
                zoom == Zoom.NONE ? 0 : zoomSpeed);
    }

    public static PtzCommand pan(Pan direction, int speed) {
        return move(direction, Tilt.NONE, Zoom.NONE, speed, 0, 0);
    }

    public static PtzCommand tilt(Tilt direction, int speed) {
        return move(Pan.NONE, direction, Zoom.NONE, 0, speed, 0);
    }

    public static PtzCommand zoom(Zoom direction, int speed) {
        return move(Pan.NONE, Tilt.NONE, direction, 0, 0, speed);
    }

    /** Stores the current position as preset {@code number} (1..255). */
    public static PtzCommand presetSet(int number) {
        return preset(PRESET_SET, number);
    }

    public static PtzCommand presetCall(int number) {
        return preset(PRESET_CALL, number);
    }

    public static PtzCommand presetDelete(int number) {
        return preset(PRESET_DELETE, number);
    }

    private static PtzCommand preset(int instruction, int number) {
        if (number < 1 || number > 255) {
            throw new IllegalArgumentException("preset number " + number + " is outside 1..255");
        }
        return new PtzCommand(DEFAULT_ADDRESS, instruction, 0, number, 0);
    }

    /** True for a PTZ instruction (bits 7 and 6 clear): a motion, or a stop when no bit is set. */
    public boolean isMotion() {
        return (instruction & 0xC0) == 0;
    }

    public boolean isStop() {
        return instruction == 0;
    }

    public Pan panDirection() {
        if (!isMotion()) {
            return Pan.NONE;
        }
        return (instruction & LEFT) != 0 ? Pan.LEFT : (instruction & RIGHT) != 0 ? Pan.RIGHT : Pan.NONE;
    }

    public Tilt tiltDirection() {
        if (!isMotion()) {
            return Tilt.NONE;
        }
        return (instruction & UP) != 0 ? Tilt.UP : (instruction & DOWN) != 0 ? Tilt.DOWN : Tilt.NONE;
    }

    public Zoom zoomDirection() {
        if (!isMotion()) {
            return Zoom.NONE;
        }
        return (instruction & ZOOM_IN) != 0 ? Zoom.IN : (instruction & ZOOM_OUT) != 0 ? Zoom.OUT : Zoom.NONE;
    }

    /** The 8 bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[8];
        b[0] = (byte) FIRST;
        b[1] = (byte) ((VERSION << 4) | (((FIRST >> 4) + (FIRST & 0xF) + VERSION) & 0xF));
        b[2] = (byte) (address & 0xFF);
        b[3] = (byte) instruction;
        b[4] = (byte) data1;
        b[5] = (byte) data2;
        b[6] = (byte) ((data3 << 4) | (address >> 8));
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += b[i] & 0xFF;
        }
        b[7] = (byte) sum;
        return b;
    }

    /** The 16 upper-case hex digits of {@code <PTZCmd>}. */
    public String toHex() {
        return HexFormat.of().withUpperCase().formatHex(toBytes());
    }

    /**
     * Reads {@code <PTZCmd>}: 16 hex digits, either case; the first byte, the check nibble and the
     * checksum must be right.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PtzCommand parse(String hex) {
        String h = hex.strip();
        if (h.length() != 16) {
            throw new IllegalArgumentException("PTZCmd needs 16 hex digits, has " + Math.min(h.length(), 999));
        }
        byte[] b;
        try {
            b = HexFormat.of().parseHex(h.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PTZCmd is not hex");
        }
        if ((b[0] & 0xFF) != FIRST) {
            throw new IllegalArgumentException("PTZCmd does not start with A5");
        }
        int version = (b[1] >> 4) & 0xF;
        if ((b[1] & 0xF) != (((FIRST >> 4) + (FIRST & 0xF) + version) & 0xF)) {
            throw new IllegalArgumentException("PTZCmd check nibble is wrong");
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += b[i] & 0xFF;
        }
        if ((sum & 0xFF) != (b[7] & 0xFF)) {
            throw new IllegalArgumentException("PTZCmd checksum is wrong");
        }
        int address = (b[2] & 0xFF) | ((b[6] & 0x0F) << 8);
        return new PtzCommand(address, b[3] & 0xFF, b[4] & 0xFF, b[5] & 0xFF, (b[6] >> 4) & 0xF);
    }

    private static void check(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
    }
}
