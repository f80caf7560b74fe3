-- Which RTSP authentication a camera's credentials may answer (issue 10): digest, any or basic (config.CameraAuth,
-- lower case). Cameras registered before this had Digest only, the default. Until this column existed the registry
-- kept a non-default auth after a comma in the transport column ('UDP,ANY'): those rows are split here.
ALTER TABLE cameras ADD COLUMN auth TEXT NOT NULL DEFAULT 'digest' CHECK (auth IN ('digest', 'any', 'basic'));
UPDATE cameras SET auth = lower(substr(transport, instr(transport, ',') + 1)),
                   transport = substr(transport, 1, instr(transport, ',') - 1)
 WHERE instr(transport, ',') > 0;
