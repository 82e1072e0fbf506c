// Lambda configuration comes from environment variables set by the CDK stack; a missing
// one is a deployment bug, reported at cold start rather than on the first request.
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set; the CDK stack sets it`);
  return value;
}
