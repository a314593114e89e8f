package dev.deltasync.config;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every {@code --long-option} the default found under {@code deltasync.long-option}
 * in the environment or the properties files, so {@code --help} shows the effective default.
 */
public final class PropertyDefaults implements IDefaultValueProvider {

    private final ConfigSources sources;

    public PropertyDefaults(ConfigSources sources) {
        this.sources = sources;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String name = option.longestName().replaceFirst("^--", "");
        return sources.lookup(name).filter(v -> !v.isEmpty()).orElse(null);
    }
}
