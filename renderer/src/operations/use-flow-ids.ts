// The workspace's flow ids, for the operations views' flow filters; read again when `version` changes.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';

export function useFlowIds(client: ApiClient, version = 0): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    client.send('flows.list', {}).then((flows) => {
      if (live) setIds(flows.map((flow) => flow.id));
    }, () => undefined); // The filter then offers "All flows" only; the list itself shows the error.
    return () => {
      live = false;
    };
  }, [client, version]);
  return ids;
}
