// Copy to main.bicepparam (git-ignored), fill in, and deploy as docs/deploy/hosting.md shows. Secrets come from the
// environment of the shell that deploys (never commit them): readEnvironmentVariable fails when one is missing.
using 'main.bicep'

param namePrefix = 'alliance'
param botAppType = 'UserAssignedMSI'
param containerImage = 'contosoacr.azurecr.io/alliancebot:1.0.0'
param containerRegistryServer = 'contosoacr.azurecr.io'
param postgresAdminLogin = 'alliancebot'
param postgresAdminPassword = readEnvironmentVariable('ALLIANCEBOT_PG_PASSWORD')
param chartSigningKey = readEnvironmentVariable('ALLIANCEBOT_CHART_KEY')
param commentKey = readEnvironmentVariable('ALLIANCEBOT_COMMENT_KEY')
param legalOperator = 'Contoso Hosting B.V.'
param legalContact = 'privacy@contoso.example'
