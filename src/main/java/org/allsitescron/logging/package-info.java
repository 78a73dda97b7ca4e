/**
 * Logging shared by the packages that talk to a dependency ({@code coordination} to Redis, {@code
 * sites} to the network's database): {@link org.allsitescron.logging.OutageLog} keeps an outage to
 * one line when it starts, a reminder while it lasts and one when it ends. Depends on nothing.
 */
package org.allsitescron.logging;
