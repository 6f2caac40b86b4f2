package dev.flotilla.common;

/** An input that says how urgent its run is; the catalog puts that on the start options. */
public interface Prioritized {
  WorkPriority workPriority();
}
