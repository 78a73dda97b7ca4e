/**
 * Logging shared by the packages that talk to a dependency ({@code coordination} to Redis, {@code
 * sites} to the network's database): {@link org.allsitescron.logging.OutageLog} keeps an outage to
 * one line when it starts, a reminder while it lasts and one when it ends; {@link
 * org.allsitescron.logging.DependencyUnavailableException} and {@link
 * org.allsitescron.logging.Refusal} are the shared shape of "a dependency refused, and why".
 * Depends on nothing.
 */
package org.allsitescron.logging;
