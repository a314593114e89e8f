package dev.deltasync.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, when there is one. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DeltaSyncCommand.class.getPackage().getImplementationVersion();
        return new String[] {"deltasync " + (version == null ? "(development build)" : version)};
    }
}
