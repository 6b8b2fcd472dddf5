/**
 * The replicas of one node: which are live (a heartbeat table in PostgreSQL), so that each can
 * take its share of node-wide budgets and know where to relay (DESIGN.md, "One node, many replicas").
 */
package io.staticinvoice.replica;
