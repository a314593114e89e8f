package dev.deltasync.wire;

/** Which end of a connection a peer is. */
public enum Role {
    CLIENT, SERVER
}
