"""The HTTP API (Powertools APIGatewayHttpResolver) and the dashboard page it serves."""
