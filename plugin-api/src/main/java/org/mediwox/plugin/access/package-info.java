/**
 * Access declarations of the operations feature modules contribute: {@link org.mediwox.plugin.access.OperationAccess} on
 * each {@code @Operation} method, {@link org.mediwox.plugin.access.ProposalPatients} for ids a module issued without
 * storing a resource.
 */
package org.mediwox.plugin.access;
