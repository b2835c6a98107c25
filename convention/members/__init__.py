"""The panel's members: invitations, roles, deactivation, assisted onboarding."""
