package dev.flotilla.component;

/**
 * One instance of a component as the runtime sees it.
 *
 * @param index 0..instances-1
 * @param pid the process ID (or the runtime's own handle), null when not running
 * @param port the port it serves its health check on, null without one
 * @param running whether it runs now
 * @param restarts how often the runtime restarted it after it died
 */
public record InstanceStatus(int index, Long pid, Integer port, boolean running, int restarts) {}
