import { describe, expect, it } from 'vitest';
import { passwordStaysWith } from '../../electron/core/broker/password-binding';

describe('a stored broker password stays with its hosts', () => {
  const saved = { url: 'mqtts://mqtt.eniris.be:8883', fallbackUrl: 'mqtt://mqtt.eniris.be:80' };

  it('goes along when only ports, schemes or letter case change', () => {
    expect(passwordStaysWith(saved, { url: 'wss://MQTT.eniris.be:443/mqtt' })).toBe(true);
    expect(passwordStaysWith(saved, saved)).toBe(true);
  });

  it('does not go to a host it was not saved for, as primary or as backup', () => {
    expect(passwordStaysWith(saved, { url: 'mqtt://collector.example.net:1883' })).toBe(false);
    expect(passwordStaysWith(saved, { url: saved.url, fallbackUrl: 'mqtt://10.0.0.9:80' })).toBe(false);
  });
});
