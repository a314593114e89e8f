package dev.deltasync.camel;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A role's status MBean in the platform MBean server, under the {@code deltasync} domain Hawtio lists. */
final class StatusRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(StatusRegistration.class);

    private final Object mbean;
    private final ObjectName name;
    private volatile boolean registered;

    private StatusRegistration(Object mbean, ObjectName name) {
        this.mbean = mbean;
        this.name = name;
    }

    static StatusRegistration server(ServerStatus status, long port) {
        return new StatusRegistration(status, name("type=Server,port=" + port));
    }

    static StatusRegistration client(ClientStatus status) {
        return new StatusRegistration(status, name("type=Client,folder=" + ObjectName.quote(status.getFolder())));
    }

    private static ObjectName name(String keys) {
        try {
            return new ObjectName("deltasync:" + keys);
        } catch (JMException e) {
            throw new IllegalArgumentException("bad JMX name deltasync:" + keys, e);
        }
    }

    ObjectName name() {
        return name;
    }

    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(mbean, name);
            registered = true;
        } catch (JMException e) {
            LOG.warn("No JMX view {}: {}", name, e.getMessage());
        }
    }

    void unregister() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("Unregistering {}: {}", name, e.getMessage());
        }
    }
}
