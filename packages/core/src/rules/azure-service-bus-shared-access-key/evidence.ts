/** Service Bus, Event Hubs and Relay namespaces share these hosts (public, China, US Government, Germany clouds). */
export const SERVICE_BUS_HOSTS = ['.servicebus.windows.net', '.servicebus.chinacloudapi.cn', '.servicebus.usgovcloudapi.net', '.servicebus.cloudapi.de'];

/** The signatures these services write into their 32-byte keys (characters 34-37), and whose they are. */
export const SIGNATURE_SERVICES: Readonly<Record<string, string>> = {
  '+ASb': 'Azure Service Bus',
  '+AEh': 'Azure Event Hubs',
  '+ARm': 'Azure Relay',
};

/** Marvin32 seeds of their keys' checksums: Send, Listen and Manage policies, system keys, and keys of unknown rights. */
export const CHECKSUM_SEEDS = ['Send0000', 'Listen00', 'Manage00', 'System00', 'Unknown0'];
