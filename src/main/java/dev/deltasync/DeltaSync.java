package dev.deltasync;

public final class DeltaSync {
    public static void main(String[] args) {
        System.out.println("deltasync");
    }
}
