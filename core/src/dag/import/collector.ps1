<#
.SYNOPSIS
    clusterplan's collector: reads a running DAG and writes one JSON document for
    `clusterplan import --from ems` and the DAG planner's "Open a running DAG".

.DESCRIPTION
    Read-only: it runs Get- cmdlets and nothing else. Run it in the Exchange Management Shell
    (Exchange 2013 to SE) on a DAG member, or in a remote session to one. The document is an object
    whose keys are the cmdlets and whose values are their output as ConvertTo-Json writes it, with
    enums and names written as text and depth enough for the lists (ActivationPreference,
    ReplayLagTimes). Get-ClusterNode needs the FailoverClusters module (on every DAG member); without
    it the document says nothing about the cluster nodes.

.PARAMETER Dag
    The DAG to read; by default every DAG of the organization.

.PARAMETER Path
    The file to write; by default clusterplan-dag.json in the current folder (UTF-8).

.EXAMPLE
    .\collect-dag.ps1 -Dag DAG1
#>
[CmdletBinding()]
param(
    [string]$Dag,
    [string]$Path = (Join-Path (Get-Location) 'clusterplan-dag.json')
)
$ErrorActionPreference = 'Stop'

# Enums, names and paths as text: the same in a local shell and a remote session.
function Text($Value) { if ($null -eq $Value) { $null } else { "$Value" } }
function Pairs($List) { @($List | ForEach-Object { [ordered]@{ Key = Text $_.Key.Name; Value = Text $_.Value } }) }

$dags = @(if ($Dag) { Get-DatabaseAvailabilityGroup -Identity $Dag -Status } else { Get-DatabaseAvailabilityGroup -Status })
$members = @($dags | ForEach-Object { $_.Servers } | ForEach-Object { Text $_.Name })

$document = [ordered]@{}
$document['Get-DatabaseAvailabilityGroup'] = @($dags | ForEach-Object {
    [ordered]@{
        Name = Text $_.Name
        Servers = @($_.Servers | ForEach-Object { Text $_.Name })
        WitnessServer = Text $_.WitnessServer
        WitnessDirectory = Text $_.WitnessDirectory
        AlternateWitnessServer = Text $_.AlternateWitnessServer
        AlternateWitnessDirectory = Text $_.AlternateWitnessDirectory
        DatacenterActivationMode = Text $_.DatacenterActivationMode
        DatabaseAvailabilityGroupIpAddresses = @($_.DatabaseAvailabilityGroupIpAddresses | ForEach-Object { Text $_ })
        OperationalServers = @($_.OperationalServers | ForEach-Object { Text $_.Name })
        StoppedMailboxServers = @($_.StoppedMailboxServers | ForEach-Object { Text $_ })
        PrimaryActiveManager = Text $_.PrimaryActiveManager
        WitnessShareInUse = Text $_.WitnessShareInUse
        ReplayLagManagerEnabled = $_.ReplayLagManagerEnabled
    }
})
$document['Get-ExchangeServer'] = @($members | ForEach-Object {
    $server = Get-ExchangeServer -Identity $_
    [ordered]@{ Name = Text $server.Name; Site = Text $server.Site; AdminDisplayVersion = Text $server.AdminDisplayVersion }
})
$document['Get-MailboxServer'] = @($members | ForEach-Object {
    $server = Get-MailboxServer -Identity $_
    [ordered]@{
        Name = Text $server.Name
        AutoDatabaseMountDial = Text $server.AutoDatabaseMountDial
        DatabaseCopyAutoActivationPolicy = Text $server.DatabaseCopyAutoActivationPolicy
        MaximumActiveDatabases = $server.MaximumActiveDatabases
        MaximumPreferredActiveDatabases = $server.MaximumPreferredActiveDatabases
    }
})
$document['Get-MailboxDatabase'] = @(Get-MailboxDatabase -Status | Where-Object { $dags.Name -contains (Text $_.MasterServerOrAvailabilityGroup) } | ForEach-Object {
    [ordered]@{
        Name = Text $_.Name
        MasterServerOrAvailabilityGroup = Text $_.MasterServerOrAvailabilityGroup
        Server = Text $_.Server
        ActivationPreference = Pairs $_.ActivationPreference
        ReplayLagTimes = Pairs $_.ReplayLagTimes
        EdbFilePath = Text $_.EdbFilePath
        LogFolderPath = Text $_.LogFolderPath
    }
})
$document['Get-MailboxDatabaseCopyStatus'] = @($members | ForEach-Object {
    Get-MailboxDatabaseCopyStatus -Server $_ | ForEach-Object {
        [ordered]@{
            Name = Text $_.Name
            DatabaseName = Text $_.DatabaseName
            MailboxServer = Text $_.MailboxServer
            Status = Text $_.Status
            CopyQueueLength = $_.CopyQueueLength
            ReplayQueueLength = $_.ReplayQueueLength
            ContentIndexState = Text $_.ContentIndexState
            ActivationPreference = $_.ActivationPreference
        }
    }
})
if (Get-Command Get-ClusterNode -ErrorAction SilentlyContinue) {
    $document['Get-ClusterNode'] = @($members | Select-Object -First 1 | ForEach-Object {
        Get-ClusterNode -Cluster $_ | ForEach-Object {
            [ordered]@{
                Name = Text $_.Name
                State = Text $_.State
                NodeWeight = $_.NodeWeight
                DynamicWeight = $_.DynamicWeight
                BuildNumber = $_.BuildNumber
            }
        }
    })
} else {
    Write-Warning 'Get-ClusterNode is not here (the FailoverClusters module): the document says nothing about the cluster nodes.'
}

$json = $document | ConvertTo-Json -Depth 8
[System.IO.File]::WriteAllText($Path, $json, (New-Object System.Text.UTF8Encoding $false))
Write-Host "Wrote ${Path}: import it with clusterplan import --from ems, or open it in the DAG planner."
