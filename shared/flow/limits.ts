// How large a flow document may be. The designer loads and saves whole documents, so the server takes a
// flows.save body this large (main/server/rpc-route.ts) and flows.get refuses a bigger file up front
// rather than serve a flow that could never be saved back (issue "Hardening").
export const MAX_FLOW_FILE_BYTES = 64 * 1024 * 1024;
