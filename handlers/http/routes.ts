// The API's one resource, shared by the handler, the Pulumi program and the local stack.
export const resourcePath = "/destination";
export const allowedMethods = ["POST"] as const;
