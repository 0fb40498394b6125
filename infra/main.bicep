// AllianceBot on Azure: Container Apps (the bot), PostgreSQL Flexible Server (the store), Key Vault (secrets), a
// user-assigned managed identity (Key Vault access, and the bot's own identity when botAppType is UserAssignedMSI),
// the Azure Bot resource with its Teams channel, and Log Analytics + Application Insights.
// Guide: docs/deploy/hosting.md. Checked by tests/Deploy.Tests/BicepTests.cs (bicep build + lint, warnings as errors).

targetScope = 'resourceGroup'

@description('Region of every resource except the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Prefix of every resource name: lower-case letters and digits, 3 to 12 characters.')
@minLength(3)
@maxLength(12)
param namePrefix string

@description('How the bot authenticates to the Bot Framework. New bots: SingleTenant (an Entra app registration of your own) or UserAssignedMSI (the identity created here). MultiTenant only for bots created before 31 July 2025.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
  'MultiTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('Application (client) id of the Entra app registration; required for SingleTenant and MultiTenant, ignored for UserAssignedMSI.')
param botAppId string = ''

@description('Client secret of the app registration (SingleTenant/MultiTenant with a secret). Leave empty for UserAssignedMSI or a certificate.')
@secure()
param botAppPassword string = ''

@description('Container image of the bot, e.g. myregistry.azurecr.io/alliancebot:1.0.0 (built from the repository\'s Dockerfile).')
param containerImage string

@description('Login server of a private registry the image comes from (e.g. contosoacr.azurecr.io), pulled with the managed identity (give it AcrPull); empty for a public image.')
param containerRegistryServer string = ''

@description('Replicas of the bot. Two or more share the work through PostgreSQL (see docs/operations.md).')
@minValue(1)
@maxValue(10)
param minReplicas int = 2

@maxValue(30)
param maxReplicas int = 4

@description('PostgreSQL administrator login (the bot connects with it; see docs/deploy/hosting.md for a dedicated role).')
param postgresAdminLogin string

@secure()
param postgresAdminPassword string

@description('HMAC key of chart and export links: 48 random bytes, base64 (openssl rand -base64 48).')
@secure()
param chartSigningKey string

@description('HMAC key join codes are stored under: 48 random bytes, base64 (openssl rand -base64 48). Changing it invalidates open codes.')
@secure()
param joinCodeHashKey string

@description('Key of the comment author hash: 32 random bytes, base64 (openssl rand -base64 32).')
@secure()
param commentKey string

@description('Who runs this bot, shown on /privacy and /terms.')
param legalOperator string

@description('E-mail address or https URL for questions about data, shown on /privacy and /terms.')
param legalContact string

@description('Public host name of the bot when you bind a custom domain to the container app; empty = its default host.')
param customHost string = ''

@description('Slack app signing secret and bot token (docs/deploy/slack-admin.md); leave both empty for Teams only.')
@secure()
param slackSigningSecret string = ''

@secure()
param slackBotToken string = ''

@description('Slack app client id for installing in several workspaces (OAuth); empty = the single workspace of slackBotToken.')
param slackClientId string = ''

@description('Slack app client secret (OAuth), with slackClientId.')
@secure()
param slackClientSecret string = ''

@description('AES-256 key the installations\' Slack tokens are encrypted under: 32 random bytes, base64 (openssl rand -base64 32). Required with slackClientId.')
@secure()
param slackTokenEncryptionKey string = ''

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

var names = {
  identity: '${namePrefix}-id'
  logs: '${namePrefix}-logs'
  insights: '${namePrefix}-ai'
  vault: '${namePrefix}-kv-${uniqueString(resourceGroup().id)}'
  postgres: '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'
  environment: '${namePrefix}-env'
  app: '${namePrefix}-bot'
  bot: '${namePrefix}-azurebot'
}
var usesManagedIdentity = botAppType == 'UserAssignedMSI'
var usesSecret = !usesManagedIdentity && !empty(botAppPassword)
var usesSlackInstalls = !empty(slackSigningSecret) && !empty(slackClientId)
var usesSlack = !empty(slackSigningSecret) && (!empty(slackBotToken) || usesSlackInstalls)
var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: names.logs
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: take(names.vault, 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: names.postgres
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: postgres
  name: 'alliancebot'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Public access limited to Azure services (the Container Apps egress); docs/deploy/hosting.md shows the private option.
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

// Every secret lives in Key Vault; the container app reads them with the managed identity.
var secretNames = concat(
  ['storage-connection-string', 'chart-signing-key', 'join-code-hash-key', 'comment-key', 'appinsights-connection-string'],
  usesSecret ? ['teams-app-password'] : [],
  usesSlack ? ['slack-signing-secret'] : [],
  usesSlack && !empty(slackBotToken) ? ['slack-bot-token'] : [],
  usesSlackInstalls ? ['slack-client-secret', 'slack-token-key-v1'] : []
)
var secretValues = {
  'storage-connection-string': 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${database.name};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=VerifyFull'
  'chart-signing-key': chartSigningKey
  'join-code-hash-key': joinCodeHashKey
  'comment-key': commentKey
  'appinsights-connection-string': insights.properties.ConnectionString
  'teams-app-password': botAppPassword
  'slack-signing-secret': slackSigningSecret
  'slack-bot-token': slackBotToken
  'slack-client-secret': slackClientSecret
  'slack-token-key-v1': slackTokenEncryptionKey
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = [
  for name in secretNames: {
    parent: vault
    name: name
    properties: { value: secretValues[name] }
  }
]

resource environment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: names.environment
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    // The managed OpenTelemetry agent: the bot's OTLP traces and logs go to Application Insights. The platform sets
    // OTEL_EXPORTER_OTLP_ENDPOINT in the app, which is the only switch the bot's exporter reads.
    appInsightsConfiguration: {
      connectionString: insights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: ['appInsights'] }
      logsConfiguration: { destinations: ['appInsights'] }
    }
  }
}

var publicHost = empty(customHost) ? '${names.app}.${environment.properties.defaultDomain}' : customHost
var slackSettings = concat(
  usesSlack ? [{ name: 'Slack__SigningSecret', secretRef: 'slack-signing-secret' }] : [],
  usesSlack && !empty(slackBotToken) ? [{ name: 'Slack__BotToken', secretRef: 'slack-bot-token' }] : [],
  usesSlackInstalls
    ? [
        { name: 'Slack__ClientId', value: slackClientId }
        { name: 'Slack__ClientSecret', secretRef: 'slack-client-secret' }
        { name: 'Slack__TokenEncryptionKeys__v1', secretRef: 'slack-token-key-v1' }
        { name: 'Slack__RedirectUrl', value: 'https://${publicHost}/api/slack/oauth_redirect' }
      ]
    : []
)
var identitySettings = usesManagedIdentity
  ? [
      { name: 'Teams__AppId', value: identity.properties.clientId }
      { name: 'Teams__ManagedIdentityClientId', value: identity.properties.clientId }
    ]
  : concat(
      [{ name: 'Teams__AppId', value: botAppId }],
      usesSecret ? [{ name: 'Teams__AppPassword', secretRef: 'teams-app-password' }] : []
    )

resource app 'Microsoft.App/containerApps@2026-07-01' = {
  name: names.app
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(containerRegistryServer)
        ? []
        : [
            {
              server: containerRegistryServer
              identity: identity.id
            }
          ]
      secrets: [
        for name in secretNames: {
          name: name
          keyVaultUrl: '${vault.properties.vaultUri}secrets/${name}'
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(
            [
              { name: 'Storage__Provider', value: 'postgres' }
              { name: 'Storage__ConnectionString', secretRef: 'storage-connection-string' }
              { name: 'Storage__CommentKey', secretRef: 'comment-key' }
              { name: 'Bot__PublicBaseUrl', value: 'https://${publicHost}' }
              { name: 'Links__SigningKey', secretRef: 'chart-signing-key' }
              { name: 'Dialogs__JoinCodes__HashKey', secretRef: 'join-code-hash-key' }
              { name: 'Teams__AppType', value: botAppType }
              { name: 'Teams__TenantId', value: tenant().tenantId }
              { name: 'Legal__Operator', value: legalOperator }
              { name: 'Legal__Contact', value: legalContact }
              { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection-string' }
              { name: 'OTEL_SERVICE_NAME', value: 'alliancebot' }
            ],
            identitySettings,
            slackSettings
          )
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 8080 }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: max(minReplicas, maxReplicas)
      }
    }
  }
  dependsOn: [vaultReader, vaultSecrets]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'AllianceBot'
    endpoint: 'https://${publicHost}/api/messages'
    msaAppType: botAppType
    msaAppId: usesManagedIdentity ? identity.properties.clientId : botAppId
    msaAppTenantId: botAppType == 'MultiTenant' ? '' : tenant().tenantId
    msaAppMSIResourceId: usesManagedIdentity ? identity.id : ''
    developerAppInsightKey: insights.properties.InstrumentationKey
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

@description('The host to give the teams-package command (--host) and the Teams admins.')
output botHost string = publicHost

output messagingEndpoint string = bot.properties.endpoint
output keyVaultName string = vault.name
output identityClientId string = identity.properties.clientId
output postgresHost string = postgres.properties.fullyQualifiedDomainName
