import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { protocolDocument } from './protocol/protocol-document';

/**
 * Serves the coordinator protocol (OpenAPI 3.1, generated from the schemas that validate it) at
 * GET /v1/agent/protocol.json: open like the agent API it describes, so an agent can be written from it alone.
 */
@ApiTags('agent')
@Controller('v1/agent')
export class ProtocolController {
  @Get('protocol.json')
  @ApiOperation({ summary: 'The coordinator protocol document: agent and market endpoints, signing and challenge rules.' })
  document() {
    return protocolDocument();
  }
}
