/**
 * A local S3-compatible server for tests: moto's `moto_server` (Python), with request signatures
 * checked (INITIAL_NO_AUTH_ACTION_COUNT: the first four calls — a user, its policy, its access key and
 * the bucket — are let in unsigned; every later one must carry a valid AWS Signature V4). Null, with
 * the reason, when `moto_server` is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export function localS3Unavailable(): string | null {
  const r = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  return r.error || r.status !== 0 ? 'moto_server (the Python moto package) is not installed, so there is no local S3-compatible server' : null;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function startLocalS3(): Promise<LocalS3> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '4' }, stdio: 'ignore' });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async () => {
    proc.kill('SIGTERM');
    await exited;
  };
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error('moto_server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Unsigned IAM calls (allowed for the first few): a user allowed s3:*, and its access key.
    const iam = async (params: Record<string, string>) => {
      const res = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261208/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0' },
        body: new URLSearchParams({ ...params, Version: '2010-05-08' }).toString(),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`moto IAM ${params.Action}: ${res.status} ${text.slice(0, 200)}`);
      return text;
    };
    await iam({ Action: 'CreateUser', UserName: 'union' });
    await iam({ Action: 'PutUserPolicy', UserName: 'union', PolicyName: 'files', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) });
    const key = await iam({ Action: 'CreateAccessKey', UserName: 'union' });
    const accessKeyId = /<AccessKeyId>([^<]+)/.exec(key)![1];
    const secretAccessKey = /<SecretAccessKey>([^<]+)/.exec(key)![1];
    const bucket = 'union-files';
    const made = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
    if (made.status !== 200) throw new Error(`moto bucket: ${made.status}`);
    return { endpoint, bucket, region: 'us-east-1', accessKeyId, secretAccessKey, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
