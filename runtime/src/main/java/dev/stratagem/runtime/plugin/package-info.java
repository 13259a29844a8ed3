/**
 * Loading strategy components from PF4J plugin jars. Tier: internal.
 */
package dev.stratagem.runtime.plugin;
