// A running DAG's document as the collector writes it, at the largest real scale: 16 members in two
// datacenters, `databases` databases of four copies (the third and fourth in the other datacenter, the
// fourth lagged 7 days), the witness in a third site. For ./scripts/measure and the import benchmark.
export function runningDag(databases = 500) {
  const servers = Array.from({ length: 16 }, (_, i) => `EX${String(i + 1).padStart(2, "0")}`);
  const site = (s) => (servers.indexOf(s) < 8 ? "dc1" : "dc2");
  const dbs = Array.from({ length: databases }, (_, d) => {
    const a = d % 8;
    const b = (a + 1) % 8;
    return { name: `DB${String(d + 1).padStart(3, "0")}`, copies: [servers[a], servers[b], servers[a + 8], servers[b + 8]] };
  });
  return {
    "Get-DatabaseAvailabilityGroup": { Name: "DAG16", Servers: servers, WitnessServer: "FSW", WitnessDirectory: "C:\\DAG16", DatacenterActivationMode: "DagOnly", DatabaseAvailabilityGroupIpAddresses: ["255.255.255.255"], WitnessShareInUse: "Primary" },
    "Get-ExchangeServer": [...servers.map((s) => ({ Name: s, Site: `contoso.com/Configuration/Sites/${site(s)}`, AdminDisplayVersion: "Version 15.2 (Build 2562.17)" })), { Name: "FSW", Site: "contoso.com/Configuration/Sites/dc3", AdminDisplayVersion: "Version 15.2 (Build 2562.17)" }],
    "Get-MailboxServer": servers.map((s) => ({ Name: s, AutoDatabaseMountDial: "GoodAvailability", DatabaseCopyAutoActivationPolicy: "Unrestricted", MaximumActiveDatabases: null, MaximumPreferredActiveDatabases: null })),
    "Get-MailboxDatabase": dbs.map((db) => ({
      Name: db.name, MasterServerOrAvailabilityGroup: "DAG16", Server: db.copies[0],
      ActivationPreference: db.copies.map((s, i) => ({ Key: s, Value: i + 1 })),
      ReplayLagTimes: db.copies.map((s, i) => ({ Key: s, Value: i === 3 ? "7.00:00:00" : "00:00:00" })),
      EdbFilePath: `E:\\ExchangeDatabases\\${db.name}\\${db.name}.db\\${db.name}.edb`, LogFolderPath: `E:\\ExchangeDatabases\\${db.name}\\${db.name}.log`,
    })),
    "Get-MailboxDatabaseCopyStatus": dbs.flatMap((db) => db.copies.map((s, i) => ({
      Name: `${db.name}\\${s}`, DatabaseName: db.name, MailboxServer: s, Status: i === 0 ? "Mounted" : "Healthy",
      CopyQueueLength: 0, ReplayQueueLength: i === 3 ? 2000 : 0, ContentIndexState: "NotApplicable", ActivationPreference: i + 1,
    }))),
    "Get-ClusterNode": servers.map((s) => ({ Name: s, State: "Up", NodeWeight: 1, DynamicWeight: 1, BuildNumber: 26100 })),
  };
}

// Written as a file when run on its own: node tests/e2e/running-dag.mjs OUT [DATABASES]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(process.argv[2], JSON.stringify(runningDag(Number(process.argv[3] ?? 500)), null, 2));
}
