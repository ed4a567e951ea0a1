package server

func (s *Server) accountPages() []pageRoute { return nil }
