-- GB/T 28181 per-device registration passwords (issue 13), sealed like camera passwords: a device with a row here
-- registers with its own password, every other device with gb28181.password.
CREATE TABLE gb_device_passwords (
    device_id       TEXT    PRIMARY KEY CHECK (length(device_id) = 20),
    password_sealed BLOB    NOT NULL,
    updated_micros  INTEGER NOT NULL
);
